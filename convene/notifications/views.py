"""Notices, the digest choice, and unsubscribing from the digest."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.accounts.services.audit import origin_of
from convene.core.access import public, roles_required, signed_in
from convene.core.forms import GovukForm
from convene.notifications import digest, notices, rendering
from convene.notifications.models import DigestChoice, Notice

SHOWN = 50


@signed_in
@require_GET
def notice_list(request):
    """Shows the notices and changes nothing: they stay new until marked read."""
    return _notices_page(request)


def _notices_page(request, *, problem: str = "", status: int = 200):
    found = list(
        Notice.objects.filter(user=request.user).select_related(*rendering.RELATED)[:SHOWN]
    )
    return render(
        request,
        "notifications/notices.html",
        {
            "notices": rendering.shown(found, request.user),
            # The newest notice shown: marking read stops there, so one arriving after
            # the page was shown stays new.
            "up_to": max((n.pk for n in found if n.read_at is None), default=None),
            "problem": problem,
        },
        status=status,
    )


class MarkReadForm(forms.Form):
    up_to = forms.IntegerField(required=False, min_value=1)


@signed_in
@require_POST
def mark_read(request):
    form = MarkReadForm(request.POST)
    if not form.is_valid():
        # The field is hidden: the page sent was not one Convene made, or is broken.
        problem = "Reload the page, then mark the notices as read"
        return _notices_page(request, problem=problem, status=400)
    notices.mark_notices_read(
        actor=request.user, origin=origin_of(request), up_to=form.cleaned_data["up_to"]
    )
    messages.success(request, "Notices marked as read")
    return redirect("notifications:notices")


class DigestForm(GovukForm):
    frequency = forms.ChoiceField(
        label="How often would you like the digest?",
        help_text="New introductions, and new leaders in your sector or region",
        choices=DigestChoice.Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often"},
    )


@roles_required("member")
@require_http_methods(["GET", "POST"])
def digest_choice(request):
    form = DigestForm(
        request.POST or None, initial={"frequency": digest.frequency_of(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        digest.choose_digest(
            form.cleaned_data["frequency"], actor=request.user, origin=origin_of(request)
        )
        messages.success(request, "Digest choice saved")
        return redirect("notifications:digest")
    return render(request, "notifications/digest.html", {"form": form})


@public
@csrf_exempt  # the signed token is the authority, and a mail client's POST carries no CSRF
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """A page with one button (mail scanners open links), or a mail client's own
    one-click POST (RFC 8058), which needs no page."""
    user = digest.user_of(token)
    if user is None:
        return render(request, "notifications/unsubscribe.html", {"problem": True}, status=400)
    done = request.method == "POST"
    if done:
        digest.choose_digest(DigestChoice.Frequency.OFF, actor=user, origin=origin_of(request))
    return render(request, "notifications/unsubscribe.html", {"done": done})
