"""Introductions pages. Members only: a delegate never reads an introduction's reason."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.accounts.models import Role
from convene.accounts.services.audit import origin_of
from convene.connections.forms import BrokerForm, IntroductionForm, LeaderSearchForm
from convene.connections.models import Introduction
from convene.connections.services import follow_up, hidden_suggestions, introductions
from convene.core.access import public, roles_required
from convene.directory.models import Profile


@roles_required("member")
@require_GET
def introduction_list(request):
    """Every introduction the member is one of the two leaders in, in four lists: waiting
    for their reply, made, the requests they asked, and those asked of them (or suggested
    by a facilitator). Each shows its status as this member sees it (ADR 27)."""
    user = request.user
    lists = {"received": [], "accepted": [], "sent": [], "asked_of_you": []}
    for introduction in introductions.of_member(user).select_related("brokered_by"):
        introduction.shown_status = introductions.shown_status(introduction, user)
        introduction.other = (
            introduction.recipient
            if introduction.requester_id == user.pk
            else introduction.requester
        )
        introduction.asked_by_you = (
            introduction.requester_id == user.pk and not introduction.brokered_by_id
        )
        if introduction.status == Introduction.Status.ACCEPTED:
            lists["accepted"].append(introduction)
        elif introductions.awaits(introduction, user):
            lists["received"].append(introduction)
        elif introduction.asked_by_you:
            lists["sent"].append(introduction)
        else:
            lists["asked_of_you"].append(introduction)
    # "You have not asked yet" only when true: an accepted request is listed as made.
    lists["asked_any"] = any(i.asked_by_you for i in lists["accepted"] + lists["sent"])
    return render(request, "connections/introductions.html", lists)


@roles_required("member")
@require_http_methods(["GET", "POST"])
def ask(request, profile_id: int):
    other = get_object_or_404(
        Profile.objects.select_related("user", "organisation"),
        pk=profile_id,
        user__is_active=True,
        user__role=Role.MEMBER,
    )
    form = IntroductionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            introductions.ask_for_introduction(
                other.user,
                form.cleaned_data["reason"],
                actor=request.user,
                origin=origin_of(request),
            )
        except introductions.IntroductionRefused as error:
            form.add_error("reason", str(error))
        else:
            messages.success(
                request, f"Request sent: {other.given_name} has been e-mailed and can accept it"
            )
            return redirect("connections:introductions")
    context = {"form": form, "other": other, "lapse_days": settings.INTRODUCTION_LAPSE_DAYS}
    return render(request, "connections/ask.html", context)


def _mine(request, introduction_id: int) -> Introduction:
    introduction = get_object_or_404(
        Introduction.objects.select_related("requester__profile", "recipient__profile"),
        pk=introduction_id,
    )
    if request.user.pk not in (introduction.requester_id, introduction.recipient_id):
        # Not "forbidden": whether it exists is itself private.
        raise Http404("No such introduction")
    return introduction


@roles_required("member")
@require_GET
def introduction(request, introduction_id: int):
    found = _mine(request, introduction_id)
    context = {
        "introduction": found,
        "shown_status": introductions.shown_status(found, request.user),
        "can_answer": introductions.awaits(found, request.user),
        "other": (found.recipient if found.requester_id == request.user.pk else found.requester),
    }
    return render(request, "connections/introduction.html", context)


def _answer(request, introduction_id: int, action, done: str):
    found = _mine(request, introduction_id)
    try:
        action(found, actor=request.user, origin=origin_of(request))
    except introductions.IntroductionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("connections:introduction", introduction_id=found.pk)


@roles_required("member")
@require_POST
def accept(request, introduction_id: int):
    return _answer(
        request,
        introduction_id,
        introductions.accept_introduction,
        "Introduction accepted: you have both been e-mailed each other's details",
    )


@roles_required("member")
@require_POST
def decline(request, introduction_id: int):
    return _answer(
        request,
        introduction_id,
        introductions.decline_introduction,
        "Declined. Only you will see that: to them it stays waiting until it closes "
        "when its time is up, as any unanswered request does",
    )


@public
@require_http_methods(["GET", "POST"])
def met(request, token: str):
    """The answer from a "did you meet?" e-mail: shown, then confirmed with one button."""
    try:
        introduction, answerer, did_meet = follow_up.read(token)
    except follow_up.AnswerRefused as error:
        return render(request, "connections/met.html", {"problem": str(error)}, status=400)
    other = (
        introduction.recipient
        if answerer.pk == introduction.requester_id
        else introduction.requester
    )
    recorded = False
    if request.method == "POST":
        follow_up.record_meeting(introduction, did_meet, actor=answerer, origin=origin_of(request))
        recorded = True
    context = {"met": did_meet, "other": other.profile, "recorded": recorded}
    return render(request, "connections/met.html", context)


@roles_required("member")
@require_POST
def hide_suggestion(request, profile_id: int):
    person = get_object_or_404(Profile, pk=profile_id)
    hidden_suggestions.hide_suggestion(person, actor=request.user, origin=origin_of(request))
    # The home page names whom the member just hid, with "Undo" (if they hid them).
    return redirect(f"{reverse('home:home')}?hidden={person.pk}")


@roles_required("member")
@require_POST
def restore_suggestion(request, profile_id: int):
    # Only a listed profile: the message names them, as their directory page would.
    person = get_object_or_404(Profile, pk=profile_id, user__is_active=True, user__role=Role.MEMBER)
    hidden_suggestions.restore_suggestion(person, actor=request.user, origin=origin_of(request))
    messages.success(request, f"{person} can be suggested to you again")
    return redirect("home:home")


@roles_required("facilitator")
@require_http_methods(["GET", "POST"])
def broker(request):
    """Two steps, neither needing JavaScript: the names typed are searched for (a GET), then
    the facilitator chooses each leader from the matches and says why (a POST, which
    carries the names again so that the same matches are listed with any error)."""
    typed = request.POST if request.method == "POST" else request.GET
    search = LeaderSearchForm(typed or None)
    form = None
    if search.is_bound and search.is_valid():
        form = BrokerForm(request.POST or None, search=search)
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            introductions.broker_introduction(
                data["first"].user,
                data["second"].user,
                data["reason"],
                actor=request.user,
                origin=origin_of(request),
            )
        except introductions.IntroductionRefused as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, "Both leaders have been asked: it is made when both accept")
            return redirect("connections:broker")
    context = {"search": search, "form": form, "with_errors": form or search}
    return render(request, "connections/broker.html", context)
