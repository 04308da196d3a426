import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from convene.accounts.models import AuditEvent, Invitation, Role, User
from convene.accounts.services import invitations
from convene.accounts.services.audit import Origin

pytestmark = pytest.mark.django_db

URL = "/staff/invitations/"
LIST_URL = "/staff/invitations/list/"


@pytest.fixture
def staff(client_for, staff_admin):
    return client_for(staff_admin)


def invite(email, staff_admin, **kwargs) -> Invitation:
    return invitations.invite(
        email, role=kwargs.pop("role", Role.MEMBER), actor=staff_admin, origin=Origin(), **kwargs
    )


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


def test_the_invitation_e_mail_has_text_and_html_parts(staff):
    staff.post(URL, {"email": "nia@example.gov.uk", "full_name": "", "role": "member"})
    (message,) = mail.outbox
    assert message.to == ["nia@example.gov.uk"]
    assert re.search(r"/invitations/[\w-]+/", message.body)
    html, content_type = message.alternatives[0]
    assert content_type == "text/html"
    assert "/invitations/" in html


def test_inviting_an_existing_account_is_a_field_error(staff, member):
    response = staff.post(URL, {"email": member.email.upper(), "role": "member"})
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


def test_names_are_shown_as_text_never_as_html(staff):
    staff.post(
        URL, {"email": "x@example.gov.uk", "full_name": "<script>x()</script>", "role": "member"}
    )
    page = staff.get(URL).content
    assert b"<script>x()" not in page
    assert b"&lt;script&gt;x()&lt;/script&gt;" in page


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
    response = staff.post(LIST_URL, {"addresses": text, "role": "member"})
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
    response = staff.post(LIST_URL, {"addresses": text, "role": "member"})
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
    response = staff.post(LIST_URL, {"addresses": "\n  \n", "role": "member"})
    assert b"Enter at least one e-mail address" in response.content


def test_a_list_of_more_than_1000_people_is_refused(staff):
    text = "\n".join(f"p{number}@example.gov.uk" for number in range(1001))
    response = staff.post(LIST_URL, {"addresses": text, "role": "member"})
    assert b"The list has 1,001 people: send at most 1,000 at a time" in response.content
    assert not Invitation.objects.exists()


# Revoking


def test_revoking_ends_an_open_invitation(staff, client):
    staff.post(URL, {"email": "nia@example.gov.uk", "role": "member"})
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


# One canonical address (ADR 20)


def test_a_look_alike_of_an_existing_account_is_a_field_error(staff, researcher):
    response = staff.post(URL, {"email": "re\u017fearcher@convene.example", "role": "member"})
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
    response = staff.post(LIST_URL, {"addresses": "\u0131an@example.gov.uk", "role": "member"})
    page = response.content.decode()
    assert "Line 1: “\u0131an@example.gov.uk” has letters before the @ other than a to z" in page
    assert not Invitation.objects.exists()
    assert mail.outbox == []
