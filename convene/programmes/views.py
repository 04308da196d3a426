"""Facilitators form action-learning sets from a cohort."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from convene.accounts.services.audit import origin_of
from convene.core.access import roles_required
from convene.core.plurals import counted
from convene.programmes.forms import CHOOSE, MoveForm
from convene.programmes.models import Cohort
from convene.programmes.services import learning_sets
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
        cohort.learning_sets.prefetch_related(
            "members__organisation__sector", "members__organisation__region", "members__topic_tags"
        )
    )
    for learning_set in proposed:
        people = list(learning_set.members.all())
        learning_set.people = people
        learning_set.why = why([member_of(person) for person in people])
    context = {
        "cohort": cohort,
        "sets": proposed,
        "confirmed": any(s.confirmed_at for s in proposed),
    }
    return render(request, "programmes/learning_sets.html", context)


def _done(request, cohort: Cohort, message: str, error: bool = False):
    (messages.error if error else messages.success)(request, message)
    return redirect("programmes:learning_sets", cohort_id=cohort.pk)


@roles_required(*FACILITATORS)
@require_POST
def propose(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    try:
        made = learning_sets.propose_sets(cohort, actor=request.user, origin=origin_of(request))
    except learning_sets.SetsRefused as error:
        return _done(request, cohort, str(error), error=True)
    return _done(
        request, cohort, f"{counted(len(made), 'set', 'sets')} proposed: move people, then confirm"
    )


@roles_required(*FACILITATORS)
@require_POST
def move(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    form = MoveForm(request.POST, cohort=cohort)
    if not form.is_valid():
        return _done(request, cohort, CHOOSE, error=True)
    member, target = form.cleaned_data["profile"], form.cleaned_data["to"]
    try:
        learning_sets.move_member(
            cohort, member.pk, target, actor=request.user, origin=origin_of(request)
        )
    except learning_sets.SetsRefused as error:
        return _done(request, cohort, str(error), error=True)
    return _done(request, cohort, f"{member} moved to set {target.number}")


@roles_required(*FACILITATORS)
@require_POST
def confirm(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    try:
        learning_sets.confirm_sets(cohort, actor=request.user, origin=origin_of(request))
    except learning_sets.SetsRefused as error:
        return _done(request, cohort, str(error), error=True)
    return _done(request, cohort, "Sets confirmed")
