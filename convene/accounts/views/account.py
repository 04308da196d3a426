"""A signed-in user's own account page."""

from django.shortcuts import render

from convene.accounts.models import TOTPDevice
from convene.core.access import signed_in


@signed_in
def account(request):
    user = request.user
    context = {
        "two_factor_enrolled": TOTPDevice.objects.filter(
            user=user, confirmed_at__isnull=False
        ).exists(),
        # The profiles looked after (their own, or their leaders') come with every page:
        # convene.directory.context_processors.
    }
    return render(request, "accounts/account.html", context)
