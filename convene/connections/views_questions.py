"""Ask the network: questions, replies, "I have faced this too", reports and moderation."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.accounts.services.audit import origin_of
from convene.connections.forms import ItemForm, QuestionForm, ReplyForm
from convene.connections.models import Question, Reply, Report
from convene.connections.services import questions
from convene.core.access import roles_required

READERS = ("member", "facilitator", "staff_admin")
MODERATORS = ("facilitator", "staff_admin")
PAGE_SIZE = 20


@roles_required(*READERS)
@require_GET
def question_list(request):
    found = questions.visible_to(request.user).prefetch_related("replies", "faced_by")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    for question in page:
        question.shown_author = questions.shown_author(question, request.user)
    return render(request, "connections/questions.html", {"page": page})


@roles_required("member")
@require_http_methods(["GET", "POST"])
def new_question(request):
    form = QuestionForm(request.POST or None, author=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = questions.ask_question(
                data["text"],
                actor=request.user,
                origin=origin_of(request),
                sectors=data["sectors"],
                regions=data["regions"],
                cohort_id=int(data["cohort"]) if data["cohort"] else None,
                anonymous=data["anonymous"],
            )
        except questions.QuestionRefused as error:
            form.add_error("anonymous" if data["anonymous"] else "text", str(error))
        else:
            messages.success(request, "Question posted")
            return redirect("connections:question", question_id=question.pk)
    return render(request, "connections/new_question.html", {"form": form})


def _readable(request, question_id: int) -> Question:
    question = questions.visible_to(request.user).filter(pk=question_id).first()
    if question is None:
        raise Http404("No such question")
    return question


@roles_required(*READERS)
@require_GET
def question(request, question_id: int):
    found = _readable(request, question_id)
    replies = found.replies.select_related("author__profile", "question")
    if request.user.role not in MODERATORS:
        replies = replies.filter(hidden_at__isnull=True)
    replies = list(replies)
    for answer in replies:
        answer.shown_author = questions.shown_replier(answer, request.user)
        answer.linked_profile = questions.replier_profile(answer)
    context = {
        "question": found,
        "shown_author": questions.shown_author(found, request.user),
        "replies": replies,
        "faced": found.faced_by.count(),
        "i_faced": found.faced_by.filter(pk=request.user.pk).exists(),
        "moderator": request.user.role in MODERATORS,
    }
    return render(request, "connections/question.html", context)


def _back(request, found: Question, message: str | None = None, error: bool = False):
    if message:
        (messages.error if error else messages.success)(request, message)
    return redirect("connections:question", question_id=found.pk)


def _refused(request, found: Question, form):
    """Back to the question, saying what was wrong with the form (its first error)."""
    return _back(request, found, next(iter(form.errors.values()))[0], error=True)


def _item_form(request, found: Question) -> ItemForm:
    """The posted report or moderation; a reply that is not the question's is not found."""
    form = ItemForm(request.POST, question=found)
    if not form.is_valid() and "reply" in form.errors:
        raise Http404("No such reply")
    return form


@roles_required("member")
@require_POST
def post_reply(request, question_id: int):
    found = _readable(request, question_id)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _refused(request, found, form)
    try:
        questions.reply_to_question(
            found, form.cleaned_data["text"], actor=request.user, origin=origin_of(request)
        )
    except questions.QuestionRefused as error:
        return _back(request, found, str(error), error=True)
    return _back(request, found, "Reply posted")


@roles_required("member")
@require_POST
def faced_too(request, question_id: int):
    found = _readable(request, question_id)
    questions.mark_faced_too(found, actor=request.user, origin=origin_of(request))
    return _back(request, found, "Noted: you have faced this too")


@roles_required("member")
@require_POST
def take_back_faced_too(request, question_id: int):
    found = _readable(request, question_id)
    questions.take_back_faced_too(found, actor=request.user, origin=origin_of(request))
    return _back(request, found, "Taken back: you no longer say you have faced this")


@roles_required("member")
@require_POST
def report(request, question_id: int):
    found = _readable(request, question_id)
    form = _item_form(request, found)
    if form.errors:
        return _refused(request, found, form)
    try:
        questions.report_post(
            found,
            form.cleaned_data["reason"],
            reply=form.cleaned_data["reply"],
            actor=request.user,
            origin=origin_of(request),
        )
    except questions.QuestionRefused as error:
        return _back(request, found, str(error), error=True)
    return _back(request, found, "Reported: Convene staff will look at it")


@roles_required(*MODERATORS)
@require_GET
def moderation(request):
    reports = Report.objects.filter(resolved_at__isnull=True).select_related(
        "question", "reply", "reporter"
    )
    return render(request, "connections/moderation.html", {"reports": reports})


def _moderated(request, question_id: int) -> tuple[Question, Question | Reply, ItemForm]:
    """The question, what is being moderated (it, or one of its replies), and the form."""
    found = get_object_or_404(Question, pk=question_id)
    form = _item_form(request, found)
    return found, form.cleaned_data.get("reply") or found, form


@roles_required(*MODERATORS)
@require_POST
def hide(request, question_id: int):
    found, item, form = _moderated(request, question_id)
    if form.errors:
        return _refused(request, found, form)
    try:
        questions.hide_post(
            item,
            reason=form.cleaned_data["reason"],
            actor=request.user,
            origin=origin_of(request),
        )
    except questions.QuestionRefused as error:
        return _back(request, found, str(error), error=True)
    return _back(request, found, "Hidden; the author has been told why")


@roles_required(*MODERATORS)
@require_POST
def restore(request, question_id: int):
    found, item, form = _moderated(request, question_id)
    if form.errors:
        return _refused(request, found, form)
    questions.restore_post(item, actor=request.user, origin=origin_of(request))
    return _back(request, found, "Restored")
