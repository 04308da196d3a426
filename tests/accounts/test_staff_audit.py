from datetime import UTC, datetime

import pytest

from convene.accounts.models import AuditEvent
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin

pytestmark = pytest.mark.django_db

URL = "/staff/audit/"
Action = AuditEvent.Action


@pytest.fixture
def staff(client_for, staff_admin):
    return client_for(staff_admin)


def event(action, *, when=None, **kwargs) -> AuditEvent:
    recorded = audit.record(action, origin=kwargs.pop("origin", Origin()), **kwargs)
    if when:
        AuditEvent.objects.filter(pk=recorded.pk).update(created_at=when)
    return recorded


@pytest.mark.parametrize(
    ("utc", "shown"),
    [
        (datetime(2026, 11, 23, 14, 5, tzinfo=UTC), "23 Nov 2026, 14:05"),
        # British Summer Time: an hour ahead of UTC.
        (datetime(2026, 7, 1, 13, 5, tzinfo=UTC), "1 Jul 2026, 14:05"),
    ],
)
def test_it_shows_when_in_uk_time(staff, member, utc, shown):
    event(Action.SIGNED_IN, actor=member, subject=member, when=utc)
    assert shown in staff.get(URL).content.decode()


def test_it_shows_who_what_to_whom_and_from_where(staff, staff_admin, member):
    event(
        Action.ROLE_CHANGED,
        actor=staff_admin,
        subject=member,
        origin=Origin("203.0.113.7"),
        **{"from": "member", "to": "researcher"},
    )
    event(Action.SIGN_IN_REQUESTED, actor=None, email="stranger@example.com", known=False)
    page = staff.get(URL).content.decode()
    assert "Role changed" in page
    assert staff_admin.email in page
    assert member.email in page
    assert "203.0.113.7" in page
    assert "from: member" in page
    assert "to: researcher" in page
    assert "stranger@example.com" in page
    assert "—" in page  # nobody did the unknown address's sign-in request


def test_it_lists_newest_first(staff, member):
    event(Action.SIGNED_IN, actor=member, when=datetime(2026, 1, 1, tzinfo=UTC))
    event(Action.SIGNED_OUT, actor=member, when=datetime(2026, 2, 1, tzinfo=UTC))
    page = staff.get(URL).content.decode()
    assert page.index("Signed out</td>") < page.index("Signed in</td>")


def test_it_filters_by_action(staff, member):
    event(Action.SIGNED_IN, actor=member)
    event(Action.USER_DEACTIVATED, actor=None, subject=member)
    page = staff.get(URL, {"action": Action.USER_DEACTIVATED}).content.decode()
    assert "User deactivated</td>" in page
    assert "Signed in</td>" not in page


def test_the_action_filter_offers_every_action(staff):
    page = staff.get(URL).content.decode()
    for value, label in Action.choices:
        assert f'<option value="{value}">{label}</option>' in page


def test_it_filters_by_e_mail_of_who_did_it_or_who_it_was_about(
    staff, staff_admin, member, other_member
):
    event(Action.SIGNED_IN, actor=other_member, subject=other_member)
    event(Action.USER_DEACTIVATED, actor=staff_admin, subject=member)
    about = staff.get(URL, {"email": member.email}).content.decode()
    assert "User deactivated</td>" in about
    assert other_member.email not in about
    by = staff.get(URL, {"email": "ADMIN@convene"}).content.decode()
    assert "User deactivated</td>" in by
    assert "Signed in</td>" not in by


def test_the_filters_combine(staff, member):
    event(Action.SIGNED_IN, actor=member, subject=member)
    event(Action.SIGNED_OUT, actor=member, subject=member)
    page = staff.get(URL, {"action": Action.SIGNED_OUT, "email": member.email}).content.decode()
    assert "Signed out</td>" in page
    assert "Signed in</td>" not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"action": "drop table"}, "Select an action from the list"),
        ({"email": "x" * 255}, "254 characters or fewer"),
        ({"email": "a\x00b"}, "E-mail address must not contain null characters"),
    ],
)
def test_a_bad_filter_is_named_not_a_crash(staff, query, message):
    response = staff.get(URL, query)
    assert response.status_code == 200
    assert message.encode() in response.content


def test_detail_is_shown_as_text_never_as_html(staff, member):
    event(Action.SIGN_IN_FAILED, actor=None, subject=member, reason="<script>x()</script>")
    page = staff.get(URL).content
    assert b"<script>x()" not in page
    assert b"&lt;script&gt;x()&lt;/script&gt;" in page


def test_it_shows_50_events_a_page_and_keeps_the_filter(staff, member):
    for _ in range(51):
        event(Action.SIGNED_IN, actor=member)
    page = staff.get(URL, {"action": Action.SIGNED_IN}).content.decode()
    assert page.count("Signed in</td>") == 50
    assert "?action=sign_in.succeeded&amp;page=2" in page
    second = staff.get(URL, {"action": Action.SIGNED_IN, "page": 2}).content.decode()
    assert second.count("Signed in</td>") == 1


def test_it_is_read_only(staff):
    assert staff.post(URL).status_code == 405
