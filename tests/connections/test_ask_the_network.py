"""Ask the network: audiences, anonymous posts only when they name no one, replies,
"I have faced this too", reports and moderation."""

import pytest

from convene.accounts.models import AuditEvent
from convene.accounts.services.audit import Origin
from convene.connections.models import Question, Report
from convene.connections.services import questions
from convene.notifications.models import Notice
from convene.notifications.rendering import text_of
from convene.programmes.models import Cohort
from tests import factories

pytestmark = pytest.mark.django_db


def leaders_like(count: int, *, sector="local_government", region="TLE", start=0):
    """Chief executives of councils in one region: people an author may hide among."""
    made = []
    for n in range(start, start + count):
        organisation = factories.make_organisation(
            f"Council {n}", f"C{n}", sector_id=sector, region_id=region
        )
        made.append(
            factories.make_member(f"ce{n}@x.gov.uk", "Chief", f"Exec{n}", organisation=organisation)
        )
    return made


def post(client, **data):
    return client.post(
        "/ask/new/", {"text": "How do you keep teenagers out of court?"} | data, follow=True
    )


def test_a_question_reaches_its_audience_only(client_for, member, chief_constable_in_manchester):
    client_for(member).post("/ask/new/", {"text": "Winter pressures?", "sectors": ["health"]})
    question = Question.objects.get()
    nurse = factories.make_member(
        "n@x.nhs.uk",
        "Nia",
        "Nurse",
        organisation=factories.make_organisation(
            "A Trust", "RA1", org_type="nhs_trust", sector_id="health"
        ),
    )
    assert client_for(nurse).get(f"/ask/{question.pk}/").status_code == 200
    assert client_for(chief_constable_in_manchester).get(f"/ask/{question.pk}/").status_code == 404
    assert client_for(member).get(f"/ask/{question.pk}/").status_code == 200  # the author
    listed = client_for(chief_constable_in_manchester).get("/ask/").content.decode()
    assert "Winter pressures?" not in listed


@pytest.fixture
def chief_constable_in_manchester(db):
    police = factories.make_organisation(
        "Greater Manchester Police",
        "E23000005",
        org_type="police_force",
        sector_id="policing",
        region_id="TLD",
    )
    return factories.make_member(
        "cc@gmp.police.uk", "Jo", "Byrne", organisation=police, job_title="Chief Constable"
    )


def test_anonymous_only_when_enough_people_share_the_description(client_for, member, settings):
    settings.ANONYMITY_THRESHOLD = 10
    leaders_like(8)  # with the member: 9 council chief executives in Yorkshire
    refused = post(client_for(member), anonymous="on")
    assert (
        "Too few people in this audience are a chief executive in local government, "
        "Yorkshire and The Humber (9 of the 10 needed)" in refused.content.decode()
    )
    assert not Question.objects.exists()

    leaders_like(1, start=8)
    post(client_for(member), anonymous="on")
    question = Question.objects.get()
    assert question.anonymous
    reader = factories.make_member("r@x.gov.uk", "Rea", "Der")
    shown = client_for(reader).get(f"/ask/{question.pk}/").content.decode()
    assert "A chief executive in local government, Yorkshire and The Humber" in shown
    assert "Okafor" not in shown


def test_staff_see_who_posted_anonymously(client_for, member, facilitator, settings):
    settings.ANONYMITY_THRESHOLD = 2
    leaders_like(2)
    post(client_for(member), anonymous="on")
    question = Question.objects.get()
    shown = client_for(facilitator).get(f"/ask/{question.pk}/").content.decode()
    assert "Amara Okafor (posted as a chief executive in local government" in shown


def test_a_narrow_audience_makes_anonymity_harder(member, settings):
    settings.ANONYMITY_THRESHOLD = 3
    leaders_like(3)
    cohort = Cohort.objects.create(name="Small cohort")
    factories.join_cohort(cohort, member)
    with pytest.raises(questions.QuestionRefused, match="1 of the 3 needed"):
        questions.ask_question(
            actor=member, origin=Origin(), text="Help?", cohort_id=cohort.pk, anonymous=True
        )
    assert questions.ask_question(
        actor=member, origin=Origin(), text="Help?", anonymous=True
    ).anonymous


def test_replies_notify_the_author_and_faced_too_counts_once(client_for, member, other_member):
    question = questions.ask_question(
        actor=member, origin=Origin(), text="How do you keep teenagers out of court?"
    )
    client = client_for(other_member)
    client.post(f"/ask/{question.pk}/reply/", {"text": "<b>Early help</b> panels"})
    client.post(f"/ask/{question.pk}/faced/")
    client.post(f"/ask/{question.pk}/faced/")
    page = client_for(member).get(f"/ask/{question.pk}/").content.decode()
    assert "&lt;b&gt;Early help&lt;/b&gt; panels" in page
    assert "1 leader has faced this too" in page
    notice = Notice.objects.get(user=member)
    assert text_of(notice, member) == f"{other_member.profile} replied to your question"


def test_bad_input_is_refused_with_a_reason(client_for, member, other_member):
    assert "Write your question" in post(client_for(member), text="  ").content.decode()
    too_long = post(client_for(member), text="x" * 2001).content.decode()
    assert "Your question must be 2,000 characters or fewer" in too_long
    question = questions.ask_question(actor=member, origin=Origin(), text="Help?")
    page = client_for(other_member).post(f"/ask/{question.pk}/reply/", {"text": ""}, follow=True)
    assert "Write your reply" in page.content.decode()
    assert not question.replies.exists()


def test_a_null_character_in_a_reply_or_a_reason_is_refused_naming_the_field(
    client_for, member, other_member, staff_admin
):
    question = questions.ask_question(actor=member, origin=Origin(), text="Help?")
    reply = client_for(other_member).post(
        f"/ask/{question.pk}/reply/", {"text": "Early\x00help"}, follow=True
    )
    assert "Your reply must not contain null characters" in reply.content.decode()
    report = client_for(other_member).post(
        f"/ask/{question.pk}/report/", {"reason": "Rude\x00"}, follow=True
    )
    assert "The reason must not contain null characters" in report.content.decode()
    hide = client_for(staff_admin).post(
        f"/ask/{question.pk}/hide/", {"reason": "Rude\x00"}, follow=True
    )
    assert "The reason must not contain null characters" in hide.content.decode()
    question.refresh_from_db()
    assert (question.replies.count(), Report.objects.count(), question.hidden_at) == (0, 0, None)


@pytest.mark.parametrize("reply_id", ["abc", "1234567890123456789012345", "a\x00b", "another"])
@pytest.mark.parametrize(
    ("action", "role"), [("report", "other"), ("hide", "staff"), ("restore", "staff")]
)
def test_a_reply_that_is_not_the_question_s_is_not_found(
    client_for, member, other_member, staff_admin, action, role, reply_id
):
    question = questions.ask_question(actor=member, origin=Origin(), text="Help?")
    theirs = questions.ask_question(actor=member, origin=Origin(), text="Another question")
    if reply_id == "another":
        reply_id = questions.reply_to_question(
            theirs, actor=other_member, origin=Origin(), text="On another question"
        ).pk
    user = other_member if role == "other" else staff_admin
    response = client_for(user).post(
        f"/ask/{question.pk}/{action}/", {"reply": reply_id, "reason": "Rude"}
    )
    assert response.status_code == 404
    question.refresh_from_db()
    assert (Report.objects.count(), question.hidden_at) == (0, None)


def test_a_moderator_hides_and_restores_one_reply_by_its_id(
    client_for, member, other_member, facilitator
):
    question = questions.ask_question(actor=member, origin=Origin(), text="Help?")
    answer = questions.reply_to_question(
        question, actor=other_member, origin=Origin(), text="Something careless"
    )
    client = client_for(facilitator)
    client.post(f"/ask/{question.pk}/hide/", {"reply": answer.pk, "reason": "Names a patient"})
    answer.refresh_from_db()
    question.refresh_from_db()
    assert (answer.hidden_reason, question.hidden_at) == ("Names a patient", None)
    assert answer.hidden_by == facilitator
    client.post(f"/ask/{question.pk}/restore/", {"reply": answer.pk})
    answer.refresh_from_db()
    assert (answer.hidden_at, answer.hidden_by) == (None, None)
    # Who moderated what, and when, is in the audit log: hiding and restoring alike.
    moderated = AuditEvent.objects.filter(actor=facilitator).order_by("created_at", "id")
    assert [(event.action, event.detail) for event in moderated] == [
        ("question.hidden", {"question": question.pk, "reply": answer.pk}),
        ("question.restored", {"question": question.pk, "reply": answer.pk}),
    ]


def test_reports_reach_staff_who_hide_with_a_reason_and_can_restore(
    client_for, member, other_member, staff_admin
):
    question = questions.ask_question(actor=member, origin=Origin(), text="Something careless")
    client_for(other_member).post(f"/ask/{question.pk}/report/", {"reason": "Names a patient"})
    moderation = client_for(staff_admin).get("/staff/moderation/").content.decode()
    assert "Names a patient" in moderation

    no_reason = client_for(staff_admin).post(
        f"/ask/{question.pk}/hide/", {"reason": ""}, follow=True
    )
    assert "Give the reason it is hidden" in no_reason.content.decode()
    client_for(staff_admin).post(f"/ask/{question.pk}/hide/", {"reason": "Identifies a patient"})

    assert client_for(other_member).get(f"/ask/{question.pk}/").status_code == 404
    assert Report.objects.get().resolved_at is not None
    assert "Identifies a patient" in text_of(Notice.objects.filter(user=member).first(), member)
    client_for(staff_admin).post(f"/ask/{question.pk}/restore/")
    assert client_for(other_member).get(f"/ask/{question.pk}/").status_code == 200


def test_delegates_and_researchers_do_not_read_the_network(
    client_for, member, delegate, researcher
):
    question = questions.ask_question(actor=member, origin=Origin(), text="Help?")
    assert client_for(delegate).get(f"/ask/{question.pk}/").status_code == 403
    assert client_for(researcher).get("/ask/").status_code == 403


def test_an_anonymous_author_replying_to_their_own_question_stays_anonymous(
    client_for, member, other_member, staff_admin, settings
):
    settings.ANONYMITY_THRESHOLD = 2
    leaders_like(2)
    question = questions.ask_question(
        actor=member,
        origin=Origin(),
        text="How do you keep teenagers out of court?",
        anonymous=True,
    )
    client_for(member).post(f"/ask/{question.pk}/reply/", {"text": "To add some detail"})
    page = client_for(other_member).get(f"/ask/{question.pk}/").content.decode()
    assert "Okafor" not in page
    assert "(who asked)" in page
    staff_view = client_for(staff_admin).get(f"/ask/{question.pk}/").content.decode()
    assert "Amara Okafor (posted as" in staff_view
