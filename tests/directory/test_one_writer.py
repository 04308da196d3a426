"""One writer per change (issue 10): the staff import and the demo loader, which write in
bulk, leave behind exactly what one person's services leave for the same people: the same
search entries, normalised titles, topic tags, appointments, shared-cohort edges and peer
vectors. Nothing has to be rebuilt after either."""

import json
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from convene.accounts.models import AuditEvent, User
from convene.accounts.services.audit import Origin
from convene.connections.models import Edge, ProfileVector
from convene.directory.models import (
    Appointment,
    JobTitle,
    Organisation,
    PeopleImport,
    Profile,
    SearchEntry,
    Topic,
)
from convene.directory.services import demo, profiles
from convene.directory.services.profiles import EDITABLE_FIELDS
from convene.programmes.models import Cohort
from convene.programmes.services import cohorts
from tests import factories
from tests.directory.imports.people_files import GOOD_ROWS, csv_bytes, places, with_cell

pytestmark = pytest.mark.django_db

# Both people in Cohort 7, so that they share an edge; the second in Cohort 8 as well.
TWO_PEOPLE = [GOOD_ROWS[0], with_cell(GOOD_ROWS[1], "Cohort", "Cohort 7; Cohort 8")]


def derived_state(emails: list[str]) -> dict:
    """Everything derived for these people, by e-mail address and by name rather than by
    id, so that two runs with different ids can be compared."""
    email_of = dict(User.objects.filter(email__in=emails).values_list("pk", "email"))
    people = Profile.objects.filter(user__email__in=emails).select_related("user")
    by_profile = {profile.pk: profile.user.email for profile in people}
    titles = dict(JobTitle.objects.values_list("pk", "name"))
    cohort_names = dict(Cohort.objects.values_list("pk", "name"))
    topic_names = dict(Topic.objects.values_list("pk", "name"))

    def entry(row: SearchEntry) -> dict:
        fields = {
            field.attname: getattr(row, field.attname)
            for field in SearchEntry._meta.concrete_fields
            if field.attname not in {"profile_id", "user_id"}
        }
        fields["normalised_title_id"] = titles.get(row.normalised_title_id)
        fields["topic_ids"] = sorted(topic_names[pk] for pk in json.loads(row.topic_ids))
        fields["cohort_ids"] = sorted(cohort_names[pk] for pk in json.loads(row.cohort_ids))
        return fields

    return {
        "titles": {
            by_profile[p.pk]: p.normalised_title.name if p.normalised_title else None
            for p in people
        },
        "topics": {
            by_profile[p.pk]: sorted(tag.name for tag in p.topic_tags.all()) for p in people
        },
        "entries": {
            by_profile[row.pk]: entry(row) for row in SearchEntry.objects.filter(pk__in=by_profile)
        },
        "appointments": sorted(
            (
                by_profile[a.profile_id],
                a.job_title,
                titles.get(a.normalised_title_id),
                a.organisation.code,
                a.ended_on,
            )
            for a in Appointment.objects.filter(profile__in=by_profile).select_related(
                "organisation"
            )
        ),
        "edges": sorted(
            (kind, sorted([email_of[one], email_of[other]]))
            for kind, one, other in Edge.objects.filter(one__in=email_of).values_list(
                "kind", "one_id", "other_id"
            )
        ),
        "vectors": {
            by_profile[v.profile_id]: (v.model, v.source_hash, bytes(v.needs), bytes(v.offers))
            for v in ProfileVector.objects.filter(profile__in=by_profile)
        },
    }


def as_written(emails: list[str]) -> list[dict]:
    """What was written about each person (not what was derived), to write again by hand."""
    return [
        {
            "email": profile.user.email,
            "organisation": profile.organisation,
            "cohorts": list(profile.cohorts.order_by("name")),
            **{field: getattr(profile, field) for field in ["job_title", *EDITABLE_FIELDS]},
        }
        for profile in Profile.objects.filter(user__email__in=emails).order_by("user__email")
    ]


def forget(emails: list[str]) -> None:
    User.objects.filter(email__in=emails).delete()


def one_by_one(people: list[dict]) -> None:
    """Each person made, edited and put in their cohorts one at a time, as by hand."""
    for person in people:
        values = dict(person)
        cohorts_of = values.pop("cohorts")
        user = factories.make_member(
            values.pop("email"),
            given=values.pop("given_name"),
            family=values.pop("family_name"),
            job_title=values.pop("job_title"),
            organisation=values.pop("organisation"),
        )
        profiles.update_profile(user.profile, values, actor=user, origin=Origin())
        for cohort in cohorts_of:
            cohorts.add_members(cohort, [user.profile], actor=None, origin=Origin())


def import_through_the_staff_pages(client) -> None:
    upload = SimpleUploadedFile("people.csv", csv_bytes(TWO_PEOPLE))
    client.post("/staff/people/import/", {"file": upload})
    run = PeopleImport.objects.get()
    client.post(f"/staff/people/import/{run.pk}/import/")
    assert PeopleImport.objects.get().status == PeopleImport.Status.IMPORTED


def assert_complete(state: dict, emails: list[str], *, sharing: int) -> None:
    """Nothing is missing: no comparison of two empty results."""
    assert set(state["entries"]) == set(state["vectors"]) == set(emails)
    assert all(state["titles"].values())
    assert len([edge for edge in state["edges"] if edge[0] == "cohort"]) == sharing


def test_the_staff_import_leaves_what_one_person_s_services_leave(
    client_for, staff_admin, django_capture_on_commit_callbacks
):
    places()
    emails = sorted(row[0] for row in TWO_PEOPLE)
    import_through_the_staff_pages(client_for(staff_admin))
    imported = derived_state(emails)
    assert_complete(imported, emails, sharing=1)
    written = as_written(emails)

    forget(emails)
    with django_capture_on_commit_callbacks(execute=True):
        one_by_one(written)
    assert derived_state(emails) == imported


def test_the_demo_loader_leaves_what_one_person_s_services_leave(
    django_capture_on_commit_callbacks,
):
    places()
    cohort = Cohort.objects.get(name="Cohort 7")
    organisations = list(Organisation.objects.order_by("code")) * 2
    with django_capture_on_commit_callbacks(execute=True):
        demo.create_leaders(random.Random(1), [cohort], organisations, actor=None, origin=Origin())
    emails = sorted(Profile.objects.values_list("user__email", flat=True))
    loaded = derived_state(emails)
    members = cohort.members.count()
    assert members >= 2
    assert_complete(loaded, emails, sharing=members * (members - 1) // 2)
    assert all(loaded["topics"].values())
    written = as_written(emails)

    forget(emails)
    with django_capture_on_commit_callbacks(execute=True):
        one_by_one(written)
    assert derived_state(emails) == loaded


def test_joining_leaving_and_deleting_a_cohort_each_leave_an_audit_row(member, other_member):
    cohort = Cohort.objects.create(name="North 2026")
    staff = factories.make_user("admin@convene.example", "staff_admin")
    where = Origin(ip_address="192.0.2.9")
    cohorts.add_members(cohort, [member.profile, other_member.profile], actor=staff, origin=where)
    cohorts.remove_members(cohort, [other_member.profile], actor=staff, origin=where)
    cohorts.delete_cohort(cohort, actor=staff, origin=where)

    rows = AuditEvent.objects.filter(actor=staff).order_by("created_at", "id")
    assert [(row.action, row.detail.get("people")) for row in rows] == [
        (AuditEvent.Action.COHORT_MEMBERS_ADDED, 2),
        (AuditEvent.Action.COHORT_MEMBERS_REMOVED, 1),
        (AuditEvent.Action.COHORT_DELETED, None),
    ]
    assert rows[1].subject_user == other_member
    assert {row.ip_address for row in rows} == {"192.0.2.9"}
    assert SearchEntry.objects.get(pk=member.profile.pk).cohort_ids == "[]"


def test_an_edit_leaves_an_audit_row_naming_the_fields_not_their_values(member):
    where = Origin(ip_address="192.0.2.10", user_agent="Firefox")
    profiles.update_profile(member.profile, {"phone": "0113 496 0555"}, actor=member, origin=where)
    row = AuditEvent.objects.get(action=AuditEvent.Action.PROFILE_CHANGED)
    assert (row.subject_user, row.detail, row.ip_address) == (
        member,
        {"fields": ["phone"]},
        "192.0.2.10",
    )
