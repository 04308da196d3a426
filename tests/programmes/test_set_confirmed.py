"""Confirming learning sets: the confirmer facilitates them, and each member is told, by a
notice and an e-mail, who is in their set and who facilitates it."""

import pytest
from django.core import mail

from convene.accounts.services.audit import Origin
from convene.notifications.models import Notice
from convene.notifications.rendering import text_of
from convene.programmes.services import learning_sets
from tests.programmes.helpers import cohort_with_sets, set_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_facilitator(facilitator):
    facilitator.full_name = "Priya Shah"
    facilitator.save(update_fields=["full_name"])
    return facilitator


def test_confirming_tells_each_member_who_is_in_their_set_and_who_facilitates_it(
    client_for, member, named_facilitator
):
    cohort = cohort_with_sets(14, first=member)
    mail.outbox.clear()
    client = client_for(named_facilitator)
    page = client.post(
        f"/programmes/cohorts/{cohort.pk}/learning-sets/confirm/", follow=True
    ).content.decode()

    assert "Sets confirmed" in page
    assert "facilitated by Priya Shah" in page
    assert {s.facilitator for s in cohort.learning_sets.all()} == {named_facilitator}
    ours = set_of(member)
    others = [p for p in ours.members.all() if p.user_id != member.pk]
    (message,) = [m for m in mail.outbox if m.to == [member.email]]
    assert message.subject == "Your learning set in Cohort A"
    for person in others:
        assert f"{person}, {person.job_title}, {person.organisation}" in message.body
    assert "Your set's facilitator is Priya Shah" in message.body
    assert "Amara Okafor," not in message.body  # the reader is not listed among the others
    assert len(mail.outbox) == 14  # one each

    notice = Notice.objects.get(user=member)
    said = text_of(notice, member)
    assert said.startswith("Your learning set in Cohort A is confirmed: you, ")
    assert said.endswith("; facilitated by Priya Shah")
    assert all(str(person) in said for person in others)
    assert "Okafor" not in said
    notices = client_for(member).get("/notices/").content.decode()
    assert 'href="/programmes/my-cohort/"' in notices


def test_a_delegate_is_told_nothing_as_with_every_other_notice(
    member, delegate, named_facilitator, django_capture_on_commit_callbacks
):
    cohort = cohort_with_sets(6, first=member)
    with django_capture_on_commit_callbacks(execute=True):
        learning_sets.confirm_sets(cohort, actor=named_facilitator, origin=Origin())
    assert not Notice.objects.filter(user=delegate).exists()
    assert not [m for m in mail.outbox if delegate.email in m.to]
    assert [m for m in mail.outbox if member.email in m.to]


def test_a_reopened_set_s_notice_names_no_one_in_the_proposal(member, named_facilitator):
    cohort = cohort_with_sets(6, first=member)
    learning_sets.confirm_sets(cohort, actor=named_facilitator, origin=Origin())
    learning_sets.reopen_sets(cohort, actor=named_facilitator, origin=Origin())
    said = text_of(Notice.objects.get(user=member), member)
    assert said == (
        "Your learning set in Cohort A is confirmed: it has since been reopened, to be changed"
    )


def test_a_deactivated_member_is_neither_told_nor_named(member, named_facilitator, staff_admin):
    from convene.accounts.services import users

    cohort = cohort_with_sets(7, first=member)
    leaving = next(p.user for p in set_of(member).members.all() if p.user_id != member.pk)
    users.deactivate_user(leaving, actor=staff_admin, origin=Origin())
    learning_sets.confirm_sets(cohort, actor=named_facilitator, origin=Origin())
    assert not Notice.objects.filter(user=leaving).exists()
    assert str(leaving.profile) not in text_of(Notice.objects.get(user=member), member)


def test_a_facilitator_with_no_name_is_named_as_the_team(member, facilitator):
    cohort = cohort_with_sets(6, first=member)
    learning_sets.confirm_sets(cohort, actor=facilitator, origin=Origin())
    said = text_of(Notice.objects.get(user=member), member)
    assert said.endswith("facilitated by the Convene team")
    assert facilitator.email not in said
