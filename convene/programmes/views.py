"""Facilitators form action-learning sets from a cohort; members see their confirmed set."""

from functools import partial

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from convene.accounts.services.audit import origin_of
from convene.core.access import roles_required
from convene.core.plurals import counted
from convene.programmes.forms import MoveForm, SwapForm, problem_with
from convene.programmes.models import Cohort
from convene.programmes.services import learning_sets, my_sets, set_download
from convene.programmes.services.learning_sets import member_of, why

FACILITATORS = ("facilitator", "staff_admin")


@roles_required(*FACILITATORS)
@require_GET
def cohorts(request):
    found = Cohort.objects.annotate(size=Count("members", distinct=True))
    return render(request, "programmes/cohorts.html", {"cohorts": found})


@roles_required(*FACILITATORS)
@require_GET
def sets(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    proposed = list(
        cohort.learning_sets.select_related("facilitator").prefetch_related(
            "members__organisation__sector", "members__organisation__region", "members__topic_tags"
        )
    )
    placed = set()
    for learning_set in proposed:
        people = sorted(learning_set.members.all(), key=lambda p: (p.family_name, p.given_name))
        learning_set.people = people
        learning_set.why = why([member_of(person) for person in people])
        placed.update(person.pk for person in people)
    confirmed = any(s.confirmed_at for s in proposed)
    # Members who joined the cohort after the proposal: the move form can place them.
    unplaced = (
        list(cohort.members.exclude(pk__in=placed).order_by("family_name", "given_name"))
        if proposed and not confirmed
        else []
    )
    context = {
        "cohort": cohort,
        "sets": proposed,
        "unplaced": unplaced,
        "confirmed": confirmed,
        "facilitator": my_sets.facilitator_name(proposed[0]) if confirmed else "",
    }
    return render(request, "programmes/learning_sets.html", context)


def _done(request, cohort: Cohort, message: str, error: bool = False):
    (messages.error if error else messages.success)(request, message)
    return redirect("programmes:learning_sets", cohort_id=cohort.pk)


def _carry_out(request, cohort: Cohort, change, said):
    """Make ``change`` as the facilitator, then tell them ``said(its result)``, or why
    the sets refused it."""
    try:
        result = change(actor=request.user, origin=origin_of(request))
    except learning_sets.SetsRefused as error:
        return _done(request, cohort, str(error), error=True)
    return _done(request, cohort, said(result))


@roles_required(*FACILITATORS)
@require_POST
def propose(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    return _carry_out(
        request,
        cohort,
        partial(learning_sets.propose_sets, cohort),
        lambda made: (
            f"{counted(len(made), 'set', 'sets')} proposed: move or swap people, then confirm"
        ),
    )


@roles_required(*FACILITATORS)
@require_POST
def move(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    form = MoveForm(request.POST, cohort=cohort)
    if not form.is_valid():
        return _done(request, cohort, problem_with(form), error=True)
    member, target = form.cleaned_data["profile"], form.cleaned_data["to"]
    return _carry_out(
        request,
        cohort,
        partial(learning_sets.move_member, cohort, member.pk, target),
        lambda _: f"{member} moved to set {target.number}",
    )


@roles_required(*FACILITATORS)
@require_POST
def swap(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    form = SwapForm(request.POST, cohort=cohort)
    if not form.is_valid():
        return _done(request, cohort, problem_with(form), error=True)
    first, second = form.cleaned_data["first"], form.cleaned_data["second"]
    return _carry_out(
        request,
        cohort,
        partial(learning_sets.swap_members, cohort, first.pk, second.pk),
        # The sets they were in: first's, then second's.
        lambda was: f"{first} moved to set {was[1].number} and {second} to set {was[0].number}",
    )


@roles_required(*FACILITATORS)
@require_POST
def confirm(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    return _carry_out(
        request,
        cohort,
        partial(learning_sets.confirm_sets, cohort),
        lambda _: "Sets confirmed: each member has been told who is in theirs",
    )


@roles_required(*FACILITATORS)
@require_POST
def reopen(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    return _carry_out(
        request,
        cohort,
        partial(learning_sets.reopen_sets, cohort),
        lambda _: "Sets reopened: members no longer see them until you confirm",
    )


@roles_required(*FACILITATORS)
@require_GET
def download(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    response = HttpResponse(set_download.sets_as_csv(cohort), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="learning-sets-cohort-{cohort.pk}.csv"'
    return response


@roles_required("member", "delegate")
@require_GET
def my_cohort(request):
    """The cohorts of the leaders the person looks after (themselves, or those a delegate
    acts for), and in each their confirmed set. Proposals are never shown."""
    places = my_sets.places_for(request.user)
    return render(request, "programmes/my_cohort.html", {"places": places})
