"""A question's page: replies link to their replier's profile, unless the reply is
anonymous; "I have faced this too" can be taken back."""

import re

import pytest

from convene.accounts.models import AuditEvent
from convene.accounts.services.audit import Origin
from convene.accounts.services.users import deactivate_user
from convene.connections.services import questions
from tests import factories
from tests.connections.test_ask_the_network import leaders_like

pytestmark = pytest.mark.django_db


def ask(author, **options):
    return questions.ask_question(
        "How do you keep teenagers out of court?", actor=author, origin=Origin(), **options
    )


def reply(question, author, text="Early help panels"):
    return questions.reply_to_question(question, text, actor=author, origin=Origin())


def repliers_on(page: str) -> list[str]:
    """The replier line of each reply, as HTML."""
    return re.findall(r'data-testid="replier">(.*?)</p>', page)


def test_a_named_reply_links_to_the_replier_s_profile(client_for, member, other_member):
    question = ask(member)
    reply(question, other_member)
    page = client_for(member).get(f"/ask/{question.pk}/").content.decode()
    [replier] = repliers_on(page)
    assert replier.startswith(
        f'<a class="govuk-link" href="/people/{other_member.profile.pk}/">Rhys Evans</a>, '
    )


def test_an_anonymous_reply_leaves_no_trace_of_the_replier(
    client_for, member, other_member, facilitator, settings
):
    settings.ANONYMITY_THRESHOLD = 2
    leaders_like(2)
    question = ask(member, anonymous=True)
    reply(question, member, text="To add some detail")
    reply(question, other_member)
    profile_id, user_id = member.profile.pk, member.pk
    for reader in (other_member, facilitator):
        page = client_for(reader).get(f"/ask/{question.pk}/").content.decode()
        anonymous, named = repliers_on(page)
        assert "<a " not in anonymous, reader
        assert "(who asked)" in anonymous
        assert f'href="/people/{other_member.profile.pk}/"' in named
        assert f"/people/{profile_id}/" not in page
    # Nothing on a reader's page names the author or carries their ids, in any attribute.
    page = client_for(other_member).get(f"/ask/{question.pk}/").content.decode()
    for trace in ("Amara", "Okafor", member.email):
        assert trace not in page
    attributes = re.findall(r'[\w-]+="([^"]*)"', page)
    assert not [value for value in attributes if value in (str(profile_id), str(user_id))]


def test_a_replier_who_has_left_is_not_linked(client_for, member, other_member, staff_admin):
    question = ask(member)
    reply(question, other_member)
    deactivate_user(other_member, actor=staff_admin, origin=Origin())
    page = client_for(member).get(f"/ask/{question.pk}/").content.decode()
    [replier] = repliers_on(page)
    assert replier.startswith("Rhys Evans, ")


def test_faced_too_can_be_taken_back_and_the_counts_go_down(client_for, member, other_member):
    question = ask(member)
    client = client_for(other_member)
    said = client.post(f"/ask/{question.pk}/faced/", follow=True).content.decode()
    assert "1 leader has faced this too" in said
    assert "You said you have faced this too." in said
    assert f'action="/ask/{question.pk}/faced/take-back/"' in said
    assert ">I have faced this too</button>" not in said

    taken_back = client.post(f"/ask/{question.pk}/faced/take-back/", follow=True)
    page = taken_back.content.decode()
    assert "Taken back: you no longer say you have faced this" in page
    assert "0 leaders have faced this too" in page
    assert ">I have faced this too</button>" in page
    assert "You said you have faced this too." not in page
    assert "0 faced this too" in client.get("/ask/").content.decode()

    client.post(f"/ask/{question.pk}/faced/take-back/")  # again: nothing more to take back
    said_and_taken_back = AuditEvent.objects.filter(
        actor=other_member, action__startswith="question.faced"
    ).order_by("pk")
    assert list(said_and_taken_back.values_list("action", "detail")) == [
        ("question.faced_too", {"question": question.pk}),
        ("question.faced_too_taken_back", {"question": question.pk}),
    ]


def test_only_the_leader_who_said_it_takes_it_back(client_for, member, other_member):
    question = ask(member)
    questions.mark_faced_too(question, actor=other_member, origin=Origin())
    third = factories.make_member("third@example.gov.uk", "Tess", "Third")
    client_for(third).post(f"/ask/{question.pk}/faced/take-back/")
    assert list(question.faced_by.all()) == [other_member]


@pytest.mark.parametrize("question_id", ["abc", "1234567890123456789012345", "0"])
def test_taking_back_on_no_such_question_is_not_found(client_for, other_member, question_id):
    response = client_for(other_member).post(f"/ask/{question_id}/faced/take-back/")
    assert response.status_code == 404
