"""A member's delegates (the PAs who may act for them), and a delegate's answers to the
leaders who invite them."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.accounts.forms_staff import DelegateInviteForm
from convene.accounts.models import Delegation
from convene.accounts.services import delegate_offers
from convene.accounts.services import delegates as delegate_services
from convene.accounts.services.audit import origin_of
from convene.core.access import roles_required

# The one answer to every address (ADR 21): it must not say whether it has an account.
OFFERED = (
    "If {email} can act as your delegate, we have e-mailed them an invitation. "
    "They will act for you once they accept it."
)


@roles_required("member")
@require_http_methods(["GET", "POST"])
def delegates(request):
    leader = request.user
    form = DelegateInviteForm(request.POST if request.method == "POST" else None)
    retry_after = None
    if form.is_valid():
        try:
            offer = delegate_offers.offer_delegate(
                leader,
                form.cleaned_data["email"],
                form.cleaned_data["full_name"],
                actor=leader,
                origin=origin_of(request),
            )
        except delegate_offers.TooManyOffers as limited:
            form.add_error("email", str(limited))
            retry_after = limited.retry_after
        except delegate_services.DelegateError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, OFFERED.format(email=offer.email))
            return redirect("accounts:delegates")
    context = {
        "form": form,
        "delegations": delegate_services.active_delegations(leader).order_by("created_at"),
        "waiting": delegate_services.open_delegate_invitations(leader).order_by("created_at"),
        "expiry_days": settings.INVITATION_EXPIRY_DAYS,
    }
    # Answered as sign-in's rate limit is: 429 with Retry-After, here on the form itself.
    status = 200 if retry_after is None else 429
    response = render(request, "accounts/delegates/delegates.html", context, status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


@roles_required("member")
@require_POST
def remove_delegate(request, delegation_id: int):
    # Only the member's own, still active, delegations: anything else is "not found".
    delegation = get_object_or_404(
        Delegation.objects.select_related("delegate", "leader"),
        pk=delegation_id,
        leader=request.user,
        revoked_at__isnull=True,
    )
    delegate_services.revoke_delegate(delegation, actor=request.user, origin=origin_of(request))
    messages.success(request, f"{delegation.delegate.email} no longer acts for you")
    return redirect("accounts:delegates")


@roles_required("delegate")
@require_GET
def delegate_offers_page(request):
    offers = delegate_offers.open_offers_to(request.user)
    return render(request, "accounts/delegates/offers.html", {"offers": offers})


@roles_required("delegate")
@require_POST
def accept_delegate_offer(request, offer_id: int):
    offer = _offer_to(request, offer_id)
    try:
        delegate_offers.accept_delegate_offer(offer, actor=request.user, origin=origin_of(request))
    except delegate_services.DelegateError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"You now act for {offer.delegate_for}: you can keep their profile and diary "
            "up to date",
        )
    return redirect("accounts:delegate_offers")


@roles_required("delegate")
@require_POST
def decline_delegate_offer(request, offer_id: int):
    offer = _offer_to(request, offer_id)
    try:
        delegate_offers.decline_delegate_offer(offer, actor=request.user, origin=origin_of(request))
    except delegate_services.DelegateError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"You have declined the invitation to act for {offer.delegate_for}"
        )
    return redirect("accounts:delegate_offers")


def _offer_to(request, offer_id: int):
    # Only invitations sent to the signed-in person's own address: anyone else's, or one
    # that does not exist, is "not found".
    return get_object_or_404(delegate_offers.offers_to(request.user), pk=offer_id)
