"""Staff and researchers' home pages list their real tasks, each a page they may open."""

import re

import pytest

from convene.accounts.models import Role
from convene.accounts.services import invitations
from convene.accounts.services.audit import Origin
from convene.connections.services import questions

pytestmark = pytest.mark.django_db

STAFF_ROLES = [Role.FACILITATOR, Role.RESEARCHER, Role.STAFF_ADMIN]


def links_in(page: str) -> list[str]:
    """Every page the home page links to (not in-page anchors)."""
    return sorted(set(re.findall(r'<a [^>]*href="([^"#][^"]*)"', page)))


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_every_link_on_a_staff_home_page_opens_for_that_role(role, cast, client_for):
    client = client_for(cast[role])
    page = client.get("/").content.decode()
    assert "will appear here as they are built" not in page
    tasks = page.split('data-testid="tasks"')[1].split("</ul>")[0]
    assert len(re.findall(r"<li", tasks)) >= 2
    links = links_in(page)
    assert links
    for href in links:
        assert client.get(href).status_code == 200, (role, href)


@pytest.mark.parametrize(
    ("role", "tasks"),
    [
        (
            Role.FACILITATOR,
            ["Cohorts", "Form learning sets", "Broker an introduction", "Moderation"],
        ),
        (
            Role.STAFF_ADMIN,
            ["Invitations", "Import people", "Users", "Download alerts", "Audit log"],
        ),
        (Role.RESEARCHER, ["Notices", "Your account"]),
    ],
)
def test_each_role_sees_its_own_tasks(role, tasks, cast, client_for):
    page = client_for(cast[role]).get("/").content.decode()
    shown = re.findall(
        r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>', page
    )
    assert [task for task in tasks if task not in shown] == []
    if role != Role.STAFF_ADMIN:
        assert "Invitations" not in shown


def test_tasks_say_how_much_is_waiting(cast, client_for, member, other_member, staff_admin):
    question = questions.ask_question("Something careless", actor=member, origin=Origin())
    questions.report_post(question, "Names a patient", actor=other_member, origin=Origin())
    invitations.invite("new@x.gov.uk", role=Role.DELEGATE, actor=staff_admin, origin=Origin())

    facilitator_page = client_for(cast[Role.FACILITATOR]).get("/").content.decode()
    assert "1 report to review" in facilitator_page
    admin_page = client_for(staff_admin).get("/").content.decode()
    assert "1 invitation not yet accepted" in admin_page
    assert "1 report to review" in admin_page
