"""A notice as its reader sees it now: its sentence, with each person named as the
reader's own pages would name them, and where it leads.

Rendered at every showing (the notices page, the data download, the digest e-mail) from
the notice's references, so a renamed leader is shown by their new name, and an erased
one, whose references are now null, by a phrase that names no one.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import Truncator, get_text_list

from convene.accounts.models import User
from convene.accounts.services.mail import absolute_url
from convene.connections.services import questions
from convene.directory.services import history
from convene.notifications.models import Notice
from convene.programmes.services import my_sets

Kind = Notice.Kind
LEFT = "a leader who has left Convene"
STAFF = "the Convene team"
REMOVED = "it has since been removed"
# A set reopened to change it, or replaced since: never its proposal's members.
REOPENED = "it has since been reopened, to be changed"

# What rendering reads of each notice, fetched with it.
RELATED = [
    "person__profile",
    "by",
    "question",
    "reply__author__profile",
    "reply__question__author__profile",
    "learning_set__cohort",
    "learning_set__facilitator",
]


def leader(user: User | None) -> str:
    if user is None:
        return LEFT
    profile = getattr(user, "profile", None)
    return str(profile) if profile is not None else str(user)


class _Names(dict):
    """The names a notice's sentence asks for, each worked out only when asked for."""

    def __init__(self, notice: Notice, reader: User):
        super().__init__()
        self.notice, self.reader = notice, reader

    def __missing__(self, key: str) -> str:
        notice = self.notice
        if key == "person":
            return leader(notice.person)
        if key == "by":
            return str(notice.by) if notice.by is not None else STAFF
        if key == "changer":
            # As the profile's history names them to its leader, the reader.
            if notice.by is None:
                return "someone who has left Convene"
            return history.changed_by(notice.by, leader=self.reader, reader=self.reader)
        if key == "replier":
            # As the question page shows the reply: an anonymous author replying under
            # their own question is their description, never their name.
            if notice.reply is None:
                return LEFT
            return questions.shown_replier(notice.reply, self.reader)
        if key == "reason":
            item = notice.reply or notice.question
            return Truncator(item.hidden_reason).chars(120) if item is not None else REMOVED
        if key == "cohort":
            return notice.learning_set.cohort.name if notice.learning_set else "your cohort"
        if key == "learning_set":
            return learning_set_in_words(notice.learning_set, self.reader)
        raise KeyError(key)


def learning_set_in_words(learning_set, reader: User) -> str:
    """The others in the reader's set and its facilitator, while it is confirmed: the
    names every member sees in the directory."""
    if learning_set is not None:  # read again, with its active members only
        learning_set = my_sets.confirmed_sets().filter(pk=learning_set.pk).first()
    if learning_set is None:
        return REOPENED
    others = [str(person) for person in my_sets.others_in(learning_set, reader.pk)]
    facilitator = my_sets.facilitator_name(learning_set)
    return f"you, {get_text_list(others, 'and')}; facilitated by {facilitator}"


def text_of(notice: Notice, reader: User) -> str:
    sentence = Kind(notice.kind).label.format_map(_Names(notice, reader))
    return sentence[:1].upper() + sentence[1:]


def destination(notice: Notice) -> tuple[str, dict]:
    """The URL name and arguments a notice leads to; a list page if what it was about
    has gone."""
    kind = notice.kind
    if kind in (Kind.INTRODUCTION_REQUESTED, Kind.INTRODUCTION_SUGGESTED) and (
        notice.introduction_id
    ):
        return "connections:introduction", {"introduction_id": notice.introduction_id}
    if kind == Kind.INTRODUCED and getattr(notice.person, "profile", None) is not None:
        return "directory:profile", {"profile_id": notice.person.profile.pk}
    if kind == Kind.QUESTION_REPLIED:
        if notice.question_id:
            return "connections:question", {"question_id": notice.question_id}
        return "connections:questions", {}
    if kind == Kind.POST_HIDDEN:
        return "connections:questions", {}
    if kind in (Kind.PROFILE_CHANGED, Kind.PROFILE_IMPORTED):
        if getattr(notice.person, "profile", None) is not None:
            return "directory:profile_history", {"profile_id": notice.person.profile.pk}
        return "notifications:notices", {}
    if kind == Kind.LEARNING_SET_CONFIRMED:
        return "programmes:my_cohort", {}
    if kind == Kind.EXPORT_LIMIT_REACHED:
        if notice.person_id:
            return "accounts:staff_user", {"user_id": notice.person_id}
        return "accounts:staff_users", {}
    return "connections:introductions", {}


@dataclass(frozen=True)
class Shown:
    notice: Notice
    text: str
    url: str


def shown(notices, reader: User, *, absolute: bool = False) -> list[Shown]:
    """Each notice as ``reader`` sees it, with a site-relative link, or an absolute one
    for e-mail."""
    found = []
    for notice in notices:
        name, kwargs = destination(notice)
        url = absolute_url(name, **kwargs) if absolute else reverse(name, kwargs=kwargs)
        found.append(Shown(notice, text_of(notice, reader), url))
    return found
