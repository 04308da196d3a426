"""A member's delegates: the PAs who may act for them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from convene.accounts.forms_staff import DelegateInviteForm
from convene.accounts.models import Delegation
from convene.accounts.services import delegates as delegate_services
from convene.accounts.services.audit import origin_of
from convene.core.access import roles_required


@roles_required("member")
@require_http_methods(["GET", "POST"])
def delegates(request):
    leader = request.user
    form = DelegateInviteForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            added = delegate_services.invite_delegate(
                leader,
                form.cleaned_data["email"],
                form.cleaned_data["full_name"],
                actor=leader,
                origin=origin_of(request),
            )
        except delegate_services.DelegateError as error:
            form.add_error("email", str(error))
        else:
            if isinstance(added, Delegation):
                text = f"{added.delegate.email} now acts for you. We have e-mailed them to say so."
            else:
                text = (
                    f"We have sent an invitation to {added.email}. "
                    "They will act for you once they accept it."
                )
            messages.success(request, text)
            return redirect("accounts:delegates")
    context = {
        "form": form,
        "delegations": delegate_services.active_delegations(leader).order_by("created_at"),
        "waiting": delegate_services.open_delegate_invitations(leader).order_by("created_at"),
    }
    return render(request, "accounts/delegates/delegates.html", context)


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
