"""A profile's history shows each field by its label and the words that changed; the
leader is told, once a change, when someone else changed their profile."""

import re
from html import unescape

import pytest
from django.core import mail
from django.core.management import call_command

from convene.accounts.services.audit import Origin
from convene.directory.imports import applying
from convene.directory.imports.checking import Checker
from convene.directory.imports.reading import read_rows
from convene.directory.models import ProfileChange, Visibility
from convene.directory.services import appointments, history, profiles
from convene.directory.services.word_diff import word_diff
from convene.notifications.models import Notice
from tests import factories
from tests.directory.imports.people_files import GOOD_ROWS, csv_bytes, places, with_cell

pytestmark = pytest.mark.django_db

LONG = (
    "We are joining up early help across the council, the police and schools so that "
    "families tell their story once, and we are measuring whether fewer children "
    "enter care as a result over the next three years"
)


def update(profile, actor, **fields):
    return profiles.update_profile(profile, fields, actor=actor, origin=Origin())


def history_page(client, profile) -> str:
    return client.get(f"/people/{profile.pk}/history/").content.decode()


def visible_text(html: str) -> str:
    """The page's words as a sighted reader reads them (screen-reader text left out)."""
    html = re.sub(r'<span class="govuk-visually-hidden">[^<]*</span>', "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# The words that changed


def test_a_changed_word_in_a_long_text_is_marked_with_a_few_words_either_side():
    shown = str(word_diff(LONG, LONG.replace("fewer children", "fewer young people")))
    assert (
        '<del class="convene-diff__del"><span class="govuk-visually-hidden">removed: </span>'
        "children</del>"
    ) in shown
    assert (
        '<ins class="convene-diff__ins"><span class="govuk-visually-hidden">added: </span>'
        "young people</ins>"
    ) in shown
    text = visible_text(shown)
    assert text == (
        "… and we are measuring whether fewer children young people enter care as a result over …"
    )


def test_a_change_at_the_very_end_is_shown_even_past_eighty_characters():
    # Cutting both sides at 80 characters, as the page used to, showed two identical texts.
    shown = visible_text(str(word_diff(LONG, LONG + " and beyond")))
    assert shown == "… result over the next three years and beyond"


def test_html_in_either_version_is_shown_as_text():
    shown = str(word_diff("Plain <b>bold</b>", "Plain <script>alert(1)</script>"))
    assert "<script>" not in shown
    assert "<b>" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "&lt;b&gt;bold&lt;/b&gt;" in shown


def test_cohorts_stored_as_lists_show_the_names_added():
    shown = visible_text(str(word_diff(["Cohort 7"], ["Cohort 7", "Cohort 8"])))
    assert shown == "Cohort 7 Cohort 8"
    assert "added: </span>Cohort 8" in str(word_diff(["Cohort 7"], ["Cohort 7", "Cohort 8"]))


# The history page


def test_the_history_names_fields_by_their_labels_and_shows_the_change(client_for, member):
    update(member.profile, member, working_on=LONG, job_title="Chief Executive Officer")
    update(member.profile, member, working_on=LONG.replace("schools", "health visitors"))
    page = history_page(client_for(member), member.profile)
    assert "What you are working on" in page
    assert "Job title" in page
    assert "working_on" not in page
    assert "job_title" not in page
    text = visible_text(page)
    assert "the police and schools health visitors so that families" in text
    # The first version of the text is stored whole, and shown whole as added.
    assert ProfileChange.objects.last().changes["working_on"] == ["", LONG]
    assert LONG in text


def test_to_their_delegate_the_texts_are_named_for_the_leader(client_for, member, delegate):
    update(member.profile, delegate, can_help_with="Budgets")
    page = history_page(client_for(delegate), member.profile)
    assert "What Amara can help with" in page
    assert "You" in visible_text(page)


def test_html_in_the_history_is_shown_as_text(client_for, member):
    update(member.profile, member, bio="<script>alert('x')</script>")
    page = history_page(client_for(member), member.profile)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_a_visibility_change_reads_as_the_choices_the_form_offers(client_for, member):
    update(member.profile, member, phone_visibility=Visibility.STAFF)
    text = visible_text(history_page(client_for(member), member.profile))
    assert "Who can see the phone number All members Only the Convene team" in text


def test_the_leader_reads_who_made_each_change_as_their_pages_name_them(
    client_for, member, delegate, staff_admin
):
    update(member.profile, member, pronouns="she/her")
    update(member.profile, delegate, pa_name="Sam Patel")
    update(member.profile, staff_admin, title="Dr")
    leader_page = visible_text(history_page(client_for(member), member.profile))
    assert "You Pronouns" in leader_page
    assert "Your delegate Sam Patel PA's name" in leader_page
    assert "Convene staff Title" in leader_page
    assert "Ada Admin" not in leader_page
    assert "admin@convene.example" not in leader_page
    # Staff read each other's names.
    other_admin = factories.make_user("ops@convene.example", "staff_admin", full_name="Olu Ops")
    staff_page = visible_text(history_page(client_for(other_admin), member.profile))
    assert "Ada Admin Title" in staff_page
    assert "Their delegate Sam Patel PA's name" in staff_page


def test_contact_details_hidden_from_a_viewer_are_left_out_of_their_history(member, other_member):
    update(member.profile, member, pa_phone="0113 496 0999", pa_phone_visibility="staff")
    update(member.profile, member, working_on="Flooding")
    changes = member.profile.changes.all()
    # Only the leader, their delegate and staff may open the history page (every one of
    # them sees every contact detail); were anyone else shown it, this is what they read.
    shown = history.shown_history(member.profile, changes, other_member)
    labels = [label for change in shown for label, _ in change.fields]
    assert labels == ["What Amara is working on"]
    assert "0113 496 0999" not in str(shown)
    own = history.shown_history(member.profile, changes, member)
    assert "0113 496 0999" in str(own)


def test_who_may_open_the_history(client_for, member, other_member, delegate, staff_admin):
    path = f"/people/{member.profile.pk}/history/"
    update(member.profile, member, pa_phone="0113 496 0999", pa_phone_visibility="staff")
    for allowed in (member, delegate, staff_admin):
        assert "0113 496 0999" in client_for(allowed).get(path).content.decode()
    assert client_for(other_member).get(path).status_code == 403


# The leader is told


def test_the_leader_is_told_when_their_delegate_or_staff_change_their_profile(
    client_for, member, delegate, staff_admin
):
    update(member.profile, member, pronouns="she/her")
    assert not Notice.objects.filter(user=member).exists()
    update(member.profile, delegate, pa_name="Sam Patel", phone="0113 496 0555")
    update(member.profile, staff_admin, title="Dr")
    page = client_for(member).get("/notices/").content.decode()
    assert "Your delegate Sam Patel changed your profile" in page
    assert "Convene staff changed your profile" in page
    assert "Ada Admin" not in page
    assert page.count(f'href="/people/{member.profile.pk}/history/"') == 2
    # What changed is on the history page, not in the notice.
    assert "0113 496 0555" not in page
    assert Notice.objects.filter(user=member).count() == 2


def test_a_new_role_or_photo_recorded_by_a_delegate_tells_the_leader(member, delegate):
    appointments.start_new_role(
        member.profile,
        job_title="Chief Executive",
        organisation=member.profile.organisation,
        started_on=member.date_joined.date(),
        actor=delegate,
        origin=Origin(),
    )
    assert list(Notice.objects.filter(user=member).values_list("kind", "by")) == [
        (Notice.Kind.PROFILE_CHANGED, delegate.pk)
    ]


def test_the_digest_lists_the_notice_and_shows_no_more_than_it(
    member, delegate, clock, django_capture_on_commit_callbacks
):
    clock.move_to("2026-11-26 09:00")
    update(member.profile, delegate, phone="0113 496 0555", working_on="Secret plans")
    clock.move_to("2026-11-30 07:00")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", verbosity=0)
    message = next(m for m in mail.outbox if m.to == [member.email])
    for part in (message.body, message.alternatives[0][0]):
        assert "Your delegate Sam Patel changed your profile" in part
        assert f"/people/{member.profile.pk}/history/" in part
        assert "0113 496 0555" not in part
        assert "Secret plans" not in part


# Imports


def import_file(rows, actor):
    plan = Checker().check(read_rows(csv_bytes(rows), "csv"))
    return applying.apply(plan, actor=actor, origin=Origin(), filename="f.csv", invite=False)


def test_an_import_tells_each_leader_it_changed_once_and_new_people_not_at_all(
    client_for, staff_admin
):
    places()
    import_file(GOOD_ROWS, staff_admin)
    assert not Notice.objects.exists()  # new people: their first entry, no notice
    # A move (new title) and other fields at once: two history entries, one notice.
    changed = with_cell(GOOD_ROWS[0], "Job title", "Managing Director")
    changed = with_cell(changed, "Phone", "0113 496 0777")
    import_file([changed, GOOD_ROWS[1]], staff_admin)
    sam = factories.User.objects.get(email="sam.okoro@leeds.gov.uk")
    assert sam.profile.changes.count() == 3
    assert list(Notice.objects.values_list("user", "kind")) == [
        (sam.pk, Notice.Kind.PROFILE_IMPORTED)
    ]
    page = client_for(sam).get("/notices/").content.decode()
    assert "A people import changed your profile" in page
    assert "Ada Admin" not in page


def test_an_import_of_fifty_changes_writes_their_notices_in_one_statement(
    staff_admin, django_assert_num_queries
):
    places()
    rows = [
        with_cell(with_cell(GOOD_ROWS[0], "E-mail", f"leader{n}@leeds.gov.uk"), "Phone", "")
        for n in range(50)
    ]
    import_file(rows, staff_admin)
    changed = [with_cell(row, "Phone", "0113 496 0777") for row in rows]
    # Measured: 30 for the file whatever its length, 2 a changed row (its profile saved,
    # its history entry), and the 50 notices in 1 of the 30. (32 for a one-row file.)
    with django_assert_num_queries(130) as queries:
        import_file(changed, staff_admin)
    notice_writes = [
        q["sql"] for q in queries if q["sql"].startswith("INSERT") and "notice" in q["sql"]
    ]
    assert len(notice_writes) == 1
    assert Notice.objects.filter(kind=Notice.Kind.PROFILE_IMPORTED).count() == 50
