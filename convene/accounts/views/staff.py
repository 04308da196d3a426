"""Staff administration: invitations, users and the audit log. Staff admins only."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.accounts.forms_staff import (
    AccountActionForm,
    AuditFilterForm,
    ChangeRoleForm,
    StaffInviteForm,
    StaffInviteListForm,
    UserFilterForm,
)
from convene.accounts.models import AuditEvent, Invitation, Role, TOTPDevice, User
from convene.accounts.services import invitations, users
from convene.accounts.services.audit import origin_of
from convene.core.access import roles_required
from convene.core.plurals import counted
from convene.directory.models import Profile

PAGE_SIZE = 50
RECENT_EVENTS = 20


def _paginate(request, queryset) -> dict:
    """The page asked for by ``?page=`` (the last, or the first, if it is out of range)."""
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return {
        "page_obj": page,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "ellipsis": Paginator.ELLIPSIS,
    }


def _add_details(events) -> None:
    """The free-form JSON detail as "key: value" pairs to show, leaving out empty values."""
    for event in events:
        detail = event.detail if isinstance(event.detail, dict) else {"detail": event.detail}
        event.details = [(key, value) for key, value in detail.items() if value not in (None, "")]


def _status(invitation: Invitation) -> str:
    if invitation.accepted_at:
        return "accepted"
    if invitation.revoked_at:
        return "revoked"
    return "expired" if invitation.is_expired else "open"


# Invitations


@roles_required("staff_admin")
@require_http_methods(["GET", "POST"])
def invitation_list(request):
    form = StaffInviteForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            invitations.invite(
                data["email"],
                role=data["role"],
                full_name=data["full_name"],
                organisation=data["organisation"],
                job_title=data["job_title"],
                actor=request.user,
                origin=origin_of(request),
            )
        except invitations.InvitationError as error:
            form.add_error(error.field, str(error).rstrip("."))
        else:
            messages.success(request, f"Invitation sent to {data['email'].lower()}")
            return redirect("accounts:staff_invitations")
    context = _paginate(
        request, Invitation.objects.select_related("invited_by", "delegate_for", "organisation")
    )
    for invitation in context["page_obj"]:
        invitation.status = _status(invitation)
    return render(request, "accounts/staff/invitations.html", {"form": form, **context})


@roles_required("staff_admin")
@require_http_methods(["GET", "POST"])
def invite_list(request):
    form = StaffInviteListForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            result = invitations.invite_many(
                form.cleaned_data["addresses"],
                role=form.cleaned_data["role"],
                actor=request.user,
                origin=origin_of(request),
            )
        except invitations.InvitationError as error:
            form.add_error(error.field, str(error))
            return render(request, "accounts/staff/invite_list.html", {"form": form})
        for line_number, text, reason in result.rejected:
            form.add_error("addresses", f"Line {line_number}: “{text}” {reason}")
        if not result.rejected:
            count = len(result.invited)
            messages.success(request, f"{counted(count, 'person', 'people')} invited")
            return redirect("accounts:staff_invitations")
    return render(request, "accounts/staff/invite_list.html", {"form": form})


@roles_required("staff_admin")
@require_POST
def revoke_invitation(request, invitation_id: int):
    invitation = get_object_or_404(Invitation, pk=invitation_id)
    if _status(invitation) == "open":
        invitations.revoke_invitation(invitation, actor=request.user, origin=origin_of(request))
        messages.success(request, f"Invitation to {invitation.email} revoked")
    else:
        messages.warning(request, f"The invitation to {invitation.email} was no longer open")
    return redirect("accounts:staff_invitations")


# Users


@roles_required("staff_admin")
@require_GET
def user_list(request):
    form = UserFilterForm(request.GET)
    found = User.objects.all()
    if form.is_valid():
        if text := form.cleaned_data["q"]:
            found = found.filter(Q(email__icontains=text) | Q(full_name__icontains=text))
        if role := form.cleaned_data["role"]:
            found = found.filter(role=role)
    else:
        found = found.none()
    return render(request, "accounts/staff/users.html", {"form": form, **_paginate(request, found)})


def _render_user(request, account: User, *, form=None, role_form=None):
    """The user's page; ``form`` is the submitted form that was refused, if any."""
    context = {
        "account": account,
        "form": form,
        "role_form": role_form or ChangeRoleForm(account=account, actor=request.user),
        "is_self": account.pk == request.user.pk,
        "profile": Profile.objects.filter(user=account).select_related("organisation").first(),
        "has_authenticator": TOTPDevice.objects.filter(user=account).exists(),
        "delegates": account.delegations.filter(revoked_at__isnull=True).select_related("delegate"),
        "acting_for": account.acting_for.filter(revoked_at__isnull=True).select_related("leader"),
    }
    events = AuditEvent.objects.filter(Q(subject_user=account) | Q(actor=account))
    context["events"] = list(
        events.select_related("actor").order_by("-created_at", "-id")[:RECENT_EVENTS]
    )
    _add_details(context["events"])
    return render(request, "accounts/staff/user.html", context)


@roles_required("staff_admin")
@require_GET
def user_detail(request, user_id: int):
    return _render_user(request, get_object_or_404(User, pk=user_id))


@roles_required("staff_admin")
@require_POST
def change_role(request, user_id: int):
    account = get_object_or_404(User, pk=user_id)
    form = ChangeRoleForm(request.POST, account=account, actor=request.user)
    if form.is_valid():
        role = form.cleaned_data["role"]
        try:
            users.change_role(
                account,
                role,
                actor=request.user,
                origin=origin_of(request),
                full_name=form.cleaned_data.get("full_name", ""),
                organisation=form.cleaned_data.get("organisation"),
                job_title=form.cleaned_data.get("job_title", ""),
            )
        except users.UserAdminError as error:
            form.add_error(error.field if error.field in form.fields else "role", str(error))
        else:
            messages.success(
                request,
                f"{account.email} is now a {Role(role).label.lower()}. "
                "They have been signed out and must sign in again.",
            )
            return redirect("accounts:staff_user", user_id=account.pk)
    return _render_user(request, account, form=form, role_form=form)


def _account_action(request, user_id: int, change, done: str):
    account = get_object_or_404(User, pk=user_id)
    form = AccountActionForm(request.POST)
    try:
        change(account, actor=request.user, origin=origin_of(request))
    except users.UserAdminError as error:
        form.add_error(None, str(error))
        return _render_user(request, account, form=form)
    messages.success(request, f"{account.email} {done}")
    return redirect("accounts:staff_user", user_id=account.pk)


@roles_required("staff_admin")
@require_POST
def deactivate_user(request, user_id: int):
    return _account_action(
        request, user_id, users.deactivate_user, "has been deactivated and signed out"
    )


@roles_required("staff_admin")
@require_POST
def reactivate_user(request, user_id: int):
    return _account_action(
        request, user_id, users.reactivate_user, "has been reactivated and can sign in again"
    )


# The audit log


@roles_required("staff_admin")
@require_GET
def audit_log(request):
    form = AuditFilterForm(request.GET)
    events = AuditEvent.objects.select_related("actor").order_by("-created_at", "-id")
    if form.is_valid():
        if action := form.cleaned_data["action"]:
            events = events.filter(action=action)
        if email := form.cleaned_data["email"]:
            events = events.filter(
                Q(actor__email__icontains=email) | Q(subject_email__icontains=email)
            )
    else:
        events = events.none()
    context = _paginate(request, events)
    _add_details(context["page_obj"])
    return render(request, "accounts/staff/audit.html", {"form": form, **context})
