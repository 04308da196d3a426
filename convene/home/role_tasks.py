"""What staff and researchers come to Convene to do: their home page's tasks, by role.

Each task links to a page its role may open (tests/home/test_staff_home.py opens every
link on each role's home page as that role) and, where there is work waiting, says how
much, in one count query.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from convene.accounts.models import Invitation, Role, User
from convene.connections.models import Report
from convene.core.plurals import counted
from convene.directory.models import PeopleImport
from convene.notifications.models import Notice
from convene.notifications.notices import unread
from convene.programmes.models import Cohort, LearningSet


@dataclass(frozen=True)
class Task:
    label: str
    url: str
    description: str
    # How much is waiting, in words ("2 reports to review"); blank when nothing is.
    waiting: str = ""


def _counted(count: int, one: str, many: str) -> str:
    return counted(count, one, many) if count else ""


def cohorts(user: User) -> Task:
    return Task(
        "Cohorts",
        reverse("programmes:cohorts"),
        "The programme's cohorts and their members.",
        _counted(Cohort.objects.count(), "cohort", "cohorts"),
    )


def learning_sets(user: User) -> Task:
    proposed = (
        LearningSet.objects.filter(confirmed_at__isnull=True).values("cohort").distinct().count()
    )
    return Task(
        "Form learning sets",
        reverse("programmes:cohorts"),
        "Propose sets of 6 to 8 leaders from a cohort, adjust them, then confirm them.",
        _counted(
            proposed,
            "cohort with sets proposed and not yet confirmed",
            "cohorts with sets proposed and not yet confirmed",
        ),
    )


def broker(user: User) -> Task:
    return Task(
        "Broker an introduction",
        reverse("connections:broker"),
        "Suggest that two leaders meet: it is made when both accept.",
    )


def moderation(user: User) -> Task:
    return Task(
        "Moderation",
        reverse("connections:moderation"),
        "Questions and replies in “Ask the network” that members have reported.",
        _counted(
            Report.objects.filter(resolved_at__isnull=True).count(),
            "report to review",
            "reports to review",
        ),
    )


def invitations(user: User) -> Task:
    still_open = Invitation.objects.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
    return Task(
        "Invitations",
        reverse("accounts:staff_invitations"),
        "Invite a leader, or a list of delegates or staff; revoke an invitation.",
        _counted(still_open.count(), "invitation not yet accepted", "invitations not yet accepted"),
    )


def import_people(user: User) -> Task:
    checked = PeopleImport.objects.filter(status=PeopleImport.Status.CHECKED).count()
    return Task(
        "Import people",
        reverse("directory:import_people"),
        "Check a CSV or Excel file of members line by line, then import it whole.",
        _counted(checked, "file checked, not yet imported", "files checked, not yet imported"),
    )


def users(user: User) -> Task:
    return Task(
        "Users",
        reverse("accounts:staff_users"),
        "Find a person's account: change their role, deactivate them, reset two-factor.",
    )


def directory_lists(user: User) -> Task:
    return Task(
        "Directory lists",
        reverse("directory:lists"),
        "The sectors, regions and job titles the directory offers.",
    )


def audit_log(user: User) -> Task:
    return Task(
        "Audit log",
        reverse("accounts:staff_audit"),
        "Who did what, to whom, when and from where.",
    )


def export_alerts(user: User) -> Task:
    alerts = Notice.objects.filter(
        user=user, read_at__isnull=True, kind=Notice.Kind.EXPORT_LIMIT_REACHED
    ).count()
    return Task(
        "Download alerts",
        reverse("notifications:notices"),
        "You are told when a member reaches the daily limit on downloading leaders.",
        _counted(alerts, "new alert", "new alerts"),
    )


def notices(user: User) -> Task:
    return Task(
        "Notices",
        reverse("notifications:notices"),
        "What has happened for you in Convene.",
        _counted(unread(user), "new notice", "new notices"),
    )


def account(user: User) -> Task:
    return Task(
        "Your account",
        reverse("accounts:account"),
        "Your authenticator app, your sessions, and everything Convene holds about you.",
    )


TASKS: dict[str, list[Callable[[User], Task]]] = {
    Role.FACILITATOR: [cohorts, learning_sets, broker, moderation, notices],
    Role.STAFF_ADMIN: [
        invitations,
        import_people,
        users,
        export_alerts,
        audit_log,
        directory_lists,
        moderation,
    ],
    # Convene has no research pages yet: a researcher has their notices and account.
    Role.RESEARCHER: [notices, account],
}


def tasks_for(user: User) -> list[Task]:
    return [task(user) for task in TASKS.get(user.role, [])]
