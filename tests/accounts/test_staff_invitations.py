import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from convene.accounts.models import AuditEvent, Invitation, Role, User
from convene.accounts.services import invitations
from convene.accounts.services.audit import Origin
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/staff/invitations/"
LIST_URL = "/staff/invitations/list/"


@pytest.fixture
def staff(client_for, staff_admin):
    return client_for(staff_admin)


@pytest.fixture
def organisation(db):
    return factories.make_organisation()


def as_member(**fields) -> dict:
    """The invitation form, filled in for a member."""
    return {
        "role": "member",
        "full_name": "Nia Jones",
        "organisation": "Leeds City Council",
        "job_title": "Chief Executive",
        **fields,
    }


def invite(email, staff_admin, **kwargs) -> Invitation:
    role = kwargs.pop("role", Role.MEMBER)
    if role == Role.MEMBER:
        kwargs = factories.member_details(**kwargs)
    return invitations.invite(email, role=role, actor=staff_admin, origin=Origin(), **kwargs)


def test_it_invites_one_person(staff, staff_admin):
    response = staff.post(
        URL, {"email": "Nia.Jones@Example.gov.uk", "full_name": "Nia Jones", "role": "facilitator"}
    )
    assert response.status_code == 302
    assert response.url == URL
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "nia.jones@example.gov.uk",
        Role.FACILITATOR,
        staff_admin,
    )
    page = staff.get(URL)
    assert b"Invitation sent to nia.jones@example.gov.uk" in page.content
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.INVITATION_SENT, actor=staff_admin
    ).exists()


def test_the_invitation_e_mail_has_text_and_html_parts(staff, organisation):
    staff.post(URL, as_member(email="nia@example.gov.uk"))
    (message,) = mail.outbox
    assert message.to == ["nia@example.gov.uk"]
    assert re.search(r"/invitations/[\w-]+/", message.body)
    html, content_type = message.alternatives[0]
    assert content_type == "text/html"
    assert "/invitations/" in html


def test_inviting_an_existing_account_is_a_field_error(staff, member):
    response = staff.post(URL, as_member(email=member.email.upper()))
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert b'href="#id_email"' in response.content
    assert f"{member.email} already has an account".encode() in response.content
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not an address", "role": "member"}, "Enter an e-mail address in the correct"),
        ({"email": "", "role": "member"}, "Enter the e-mail address of the person to invite"),
        ({"email": "a" * 250 + "@x.gov.uk", "role": "member"}, "254 characters or fewer"),
        ({"email": "a@x.gov.uk", "full_name": "N" * 201, "role": "member"}, "200 characters"),
        ({"email": "a@x.gov.uk", "role": "emperor"}, "Select a role from the list"),
    ],
)
def test_bad_input_is_named_and_nothing_is_sent(staff, data, message):
    response = staff.post(URL, data)
    assert response.status_code == 200
    assert message.encode() in response.content
    assert b"<title>Error:" in response.content
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_names_are_shown_as_text_never_as_html(staff, organisation):
    staff.post(
        URL,
        as_member(
            email="x@example.gov.uk",
            full_name="<script>x()</script> Jones",
            job_title="<script>y()</script>",
        ),
    )
    page = staff.get(URL).content
    assert b"<script>x()" not in page
    assert b"&lt;script&gt;x()&lt;/script&gt;" in page
    assert b"&lt;script&gt;y()&lt;/script&gt;, Leeds City Council" in page


def test_it_lists_invitations_newest_first_with_their_status(staff, staff_admin, clock):
    accepted = invite("accepted@example.gov.uk", staff_admin)
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now())
    clock.shift(60)
    revoked = invite("revoked@example.gov.uk", staff_admin)
    invitations.revoke_invitation(revoked, actor=staff_admin, origin=Origin())
    clock.shift(60)
    expired = invite("expired@example.gov.uk", staff_admin)
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(1))
    clock.shift(60)
    invite("open@example.gov.uk", staff_admin)
    page = staff.get(URL).content.decode()
    order = [page.index(f"{name}@example.gov.uk") for name in ("open", "expired", "revoked")]
    assert order == sorted(order)
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", page, re.S)[1:]
    statuses = [re.search(r"govuk-tag[^>]*>(\w+)<", row).group(1) for row in rows]
    assert statuses == ["Open", "Expired", "Revoked", "Accepted"]
    assert page.count("Revoke<span") == 1
    assert staff_admin.email in page


def test_it_shows_50_invitations_a_page(staff, staff_admin):
    for number in range(51):
        invite(f"person{number}@example.gov.uk", staff_admin)
    first = staff.get(URL).content.decode()
    assert first.count("@example.gov.uk</td>") + first.count("@example.gov.uk<br>") == 50
    assert 'class="govuk-pagination"' in first
    assert "?page=2" in first
    second = staff.get(URL + "?page=2").content.decode()
    assert "person0@example.gov.uk" in second
    assert staff.get(URL + "?page=banana").status_code == 200


# Inviting a list


def test_a_good_list_invites_everyone_and_says_how_many(staff, staff_admin):
    text = "a@example.gov.uk, Ann Able\n\nB@example.gov.uk\n"
    response = staff.post(LIST_URL, {"addresses": text, "role": "facilitator"})
    assert response.url == URL
    assert b"2 people invited" in staff.get(URL).content
    assert sorted(message.to[0] for message in mail.outbox) == [
        "a@example.gov.uk",
        "b@example.gov.uk",
    ]
    assert all(message.alternatives for message in mail.outbox)
    assert Invitation.objects.get(email="a@example.gov.uk").full_name == "Ann Able"


def test_a_bad_list_sends_nothing_and_names_every_bad_line(staff, member):
    text = "good@example.gov.uk\nnot an address\n<b>bad</b>\n" + member.email
    response = staff.post(LIST_URL, {"addresses": text, "role": "researcher"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Line 2: “not an address” is not an e-mail address" in page
    assert "Line 3: “&lt;b&gt;bad&lt;/b&gt;” is not an e-mail address" in page
    assert f"Line 4: “{member.email}” already has an account" in page
    assert "Line 1" not in page
    # The list comes back as it was sent, to correct.
    assert "good@example.gov.uk" in page
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_list_of_only_blank_lines_is_an_error(staff):
    response = staff.post(LIST_URL, {"addresses": "\n  \n", "role": "facilitator"})
    assert b"Enter at least one e-mail address" in response.content


def test_a_list_of_more_than_1000_people_is_refused(staff):
    text = "\n".join(f"p{number}@example.gov.uk" for number in range(1001))
    response = staff.post(LIST_URL, {"addresses": text, "role": "facilitator"})
    assert b"The list has 1,001 people: send at most 1,000 at a time" in response.content
    assert not Invitation.objects.exists()


# Revoking


def test_revoking_ends_an_open_invitation(staff, client, organisation):
    staff.post(URL, as_member(email="nia@example.gov.uk"))
    invitation = Invitation.objects.get()
    path = re.search(r"/invitations/[\w-]+/", mail.outbox[0].body).group(0)
    response = staff.post(f"/staff/invitations/{invitation.pk}/revoke/")
    assert response.url == URL
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert client.post(path).status_code == 404
    assert not User.objects.filter(email="nia@example.gov.uk").exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.INVITATION_REVOKED).exists()


def test_revoking_an_accepted_invitation_changes_nothing(staff, staff_admin):
    invitation = invite("nia@example.gov.uk", staff_admin)
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    staff.post(f"/staff/invitations/{invitation.pk}/revoke/")
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert b"was no longer open" in staff.get(URL).content


def test_revoking_an_unknown_invitation_is_not_found(staff):
    assert staff.post("/staff/invitations/999999/revoke/").status_code == 404
    assert staff.post(f"/staff/invitations/{10**25}/revoke/").status_code == 404


# A member's invitation says what their profile is created with (ADR 25)


def test_a_member_s_invitation_names_their_organisation_and_job_title(
    staff, staff_admin, organisation
):
    response = staff.post(URL, as_member(email="nia@example.gov.uk"))
    assert response.url == URL
    invitation = Invitation.objects.get()
    assert (invitation.organisation, invitation.job_title) == (organisation, "Chief Executive")
    event = AuditEvent.objects.get(action=AuditEvent.Action.INVITATION_SENT)
    assert event.detail["organisation"] == "Leeds City Council"
    assert event.detail["job_title"] == "Chief Executive"
    assert "Chief Executive, Leeds City Council" in staff.get(URL).content.decode()


def test_the_audit_page_shows_the_organisation_and_job_title_invited(staff, organisation):
    staff.post(URL, as_member(email="nia@example.gov.uk"))
    page = staff.get(
        "/staff/audit/", {"action": AuditEvent.Action.INVITATION_SENT}
    ).content.decode()
    assert "organisation: Leeds City Council" in page
    assert "job_title: Chief Executive" in page


def test_a_member_s_invitation_without_what_a_profile_needs_names_each_field(staff):
    response = staff.post(
        URL,
        as_member(email="nia@example.gov.uk", full_name="Nia", organisation="", job_title=""),
    )
    assert response.status_code == 200
    page = response.content.decode()
    for field, message in [
        ("full_name", "Enter the member&#x27;s full name: their first and last names"),
        ("organisation", "Enter the member&#x27;s organisation"),
        ("job_title", "Enter the member&#x27;s job title"),
    ]:
        assert f'href="#id_{field}"' in page
        assert message in page
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_organisation_convene_does_not_hold_is_refused_and_nothing_is_sent(staff, organisation):
    response = staff.post(
        URL, as_member(email="nia@example.gov.uk", organisation="Leeds Citty Council")
    )
    page = response.content.decode()
    assert 'href="#id_organisation"' in page
    assert (
        "No organisation in Convene is called “Leeds Citty Council”: "
        "did you mean Leeds City Council?"
    ) in page
    # What was typed comes back, to correct.
    assert 'value="Leeds Citty Council"' in page
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_organisation_nothing_is_close_to_says_check_the_spelling(staff, organisation):
    response = staff.post(URL, as_member(email="nia@example.gov.uk", organisation="Zzyzx"))
    assert "No organisation in Convene is called “Zzyzx”: check the spelling" in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    "typed", ["leeds city council", "  Leeds   City Council ", "LCC", "e08000035"]
)
def test_an_organisation_is_found_by_name_acronym_or_code(staff, typed):
    leeds = factories.make_organisation(acronym="LCC")
    staff.post(URL, as_member(email="nia@example.gov.uk", organisation=typed))
    assert Invitation.objects.get().organisation == leeds


def test_an_organisation_staff_confirmed_in_an_import_is_found_by_that_name(staff, organisation):
    from convene.directory.models import OrganisationAlias

    OrganisationAlias.objects.create(name="leeds council", organisation=organisation)
    staff.post(URL, as_member(email="nia@example.gov.uk", organisation="Leeds Council"))
    assert Invitation.objects.get().organisation == organisation


def test_a_name_several_organisations_share_asks_for_the_code(staff):
    factories.make_organisation("Leeds City Council", code="E08000035", acronym="LCC")
    factories.make_organisation("Lincoln City Council", code="E07000138", acronym="LCC")
    response = staff.post(URL, as_member(email="nia@example.gov.uk", organisation="LCC"))
    page = response.content.decode()
    assert "“LCC” is more than one organisation: enter the official code" in page
    assert "E08000035 for Leeds City Council" in page
    assert not Invitation.objects.exists()
    staff.post(URL, as_member(email="nia@example.gov.uk", organisation="E07000138"))
    assert Invitation.objects.get().organisation.name == "Lincoln City Council"


def test_the_form_offers_organisation_names_as_you_type_without_javascript(staff, organisation):
    page = staff.get(URL).content.decode()
    assert 'list="id_organisation-names"' in page
    assert '<datalist id="id_organisation-names"><option value="Leeds City Council">' in page


@pytest.mark.parametrize("field", ["organisation", "job_title"])
def test_an_organisation_or_job_title_for_staff_is_refused(staff, organisation, field):
    fields = {"organisation": "", "job_title": "", field: as_member()[field]}
    response = staff.post(URL, {"email": "x@convene.example", "role": "facilitator", **fields})
    assert f'href="#id_{field}"' in response.content.decode()
    assert b"Only a member has" in response.content
    assert not Invitation.objects.exists()


def test_the_service_refuses_a_member_s_invitation_without_an_organisation(staff_admin):
    with pytest.raises(invitations.InvitationError, match="organisation") as refused:
        invitations.invite(
            "nia@example.gov.uk",
            role=Role.MEMBER,
            actor=staff_admin,
            origin=Origin(),
            full_name="Nia Jones",
            job_title="Chief Executive",
        )
    assert refused.value.field == "organisation"
    assert not Invitation.objects.exists()


def test_an_open_member_invitation_from_before_cannot_be_accepted(client):
    # Sent before invitations named an organisation (migration 0004 revokes those).
    token = factories.invitation_token("old@example.gov.uk")
    Invitation.objects.filter(email="old@example.gov.uk").update(organisation=None)
    response = client.post(f"/invitations/{token}/")
    assert response.status_code == 404
    assert b"is not valid" in response.content
    assert not User.objects.filter(email="old@example.gov.uk").exists()


def test_the_invitation_list_is_for_roles_with_no_profile(staff):
    page = staff.get(LIST_URL).content.decode()
    assert '<option value="member"' not in page
    assert 'href="/staff/people/import/"' in page
    response = staff.post(LIST_URL, {"addresses": "a@example.gov.uk", "role": "member"})
    assert b"Select a role from the list" in response.content
    assert not Invitation.objects.exists()


def test_the_list_service_sends_members_to_the_people_import(staff_admin):
    with pytest.raises(invitations.InvitationError, match="people import"):
        invitations.invite_many(
            "a@example.gov.uk", role=Role.MEMBER, actor=staff_admin, origin=Origin()
        )
    assert not Invitation.objects.exists()


def test_every_field_s_problem_shows_at_once_one_a_field(staff, organisation):
    response = staff.post(
        URL, as_member(email="nia@", full_name="", organisation="Nowhere", job_title="")
    )
    page = response.content.decode()
    for field in ("email", "full_name", "organisation", "job_title"):
        assert f'href="#id_{field}"' in page
    assert "No organisation in Convene is called “Nowhere”" in page
    assert "Enter the member&#x27;s organisation" not in page


def test_the_migration_revokes_only_open_member_invitations_with_no_organisation(
    staff_admin,
):
    from importlib import import_module

    from django.apps import apps

    migration = import_module(
        "convene.accounts.migrations.0004_member_invitations_name_organisation_and_job_title"
    )
    old = invite("old@example.gov.uk", staff_admin)
    Invitation.objects.filter(pk=old.pk).update(organisation=None, job_title="")
    new = invite("new@example.gov.uk", staff_admin)
    staff = invite("staff@convene.example", staff_admin, role=Role.FACILITATOR)
    migration.revoke_open_member_invitations_without_organisation(apps, None)
    assert [i.email for i in Invitation.objects.filter(revoked_at__isnull=False)] == [old.email]
    assert {new.email, staff.email} == set(
        Invitation.objects.filter(revoked_at__isnull=True).values_list("email", flat=True)
    )


# One canonical address (ADR 20)


def test_a_look_alike_of_an_existing_account_is_a_field_error(staff, researcher, organisation):
    response = staff.post(URL, as_member(email="re\u017fearcher@convene.example"))
    assert response.status_code == 200
    assert b'href="#id_email"' in response.content
    assert f"{researcher.email} already has an account".encode() in response.content
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_local_part_that_is_not_ascii_is_a_field_error_and_nothing_is_sent(staff):
    response = staff.post(URL, {"email": "\u0131an@example.gov.uk", "role": "member"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="#id_email"' in page
    assert "uses only the letters a to z, numbers and symbols like . - _ before the @" in page
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_list_names_a_line_whose_local_part_is_not_ascii(staff):
    response = staff.post(LIST_URL, {"addresses": "\u0131an@example.gov.uk", "role": "facilitator"})
    page = response.content.decode()
    assert "Line 1: “\u0131an@example.gov.uk” has letters before the @ other than a to z" in page
    assert not Invitation.objects.exists()
    assert mail.outbox == []
