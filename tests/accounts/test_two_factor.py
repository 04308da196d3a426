import re

import pyotp
import pytest
from django.core import mail

from convene.accounts.models import AuditEvent, RecoveryCode, Role, TOTPDevice
from convene.accounts.services import sessions
from tests import factories

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def code_now(secret=SECRET, offset_seconds=0):
    import time

    return pyotp.TOTP(secret).at(time.time() + offset_seconds)


@pytest.fixture
def admin_before_two_factor(client_for, staff_admin):
    return client_for(staff_admin, two_factor_done=False)


@pytest.fixture
def enrolled_admin(client_for, staff_admin, clock):
    factories.enrol_totp(staff_admin, SECRET)
    return client_for(staff_admin, two_factor_done=False)


# Enrolment


@pytest.mark.parametrize("role", [Role.STAFF_ADMIN, Role.FACILITATOR, Role.RESEARCHER])
@pytest.mark.parametrize("path", ["/", "/account/", "/directory/", "/staff/users/"])
def test_staff_must_enrol_before_any_page(client_for, cast, role, path):
    response = client_for(cast[role], two_factor_done=False).get(path)
    assert response.status_code == 302
    assert response.url == "/account/two-factor/set-up/"


def test_public_pages_and_sign_out_stay_reachable_before_enrolment(admin_before_two_factor):
    assert admin_before_two_factor.get("/accessibility/").status_code == 200
    assert admin_before_two_factor.post("/sign-out/").url == "/signed-out/"


def test_a_member_is_not_forced_to_enrol(client_for, member):
    assert client_for(member, two_factor_done=False).get("/account/").status_code == 200


def test_setup_shows_a_qr_code_and_the_key(admin_before_two_factor, staff_admin):
    response = admin_before_two_factor.get("/account/two-factor/set-up/")
    assert response.status_code == 200
    assert b"<svg" in response.content
    secret = TOTPDevice.objects.get(user=staff_admin).secret
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    assert grouped.encode() in response.content
    assert b"style=" not in response.content.split(b"<svg")[0]


def test_enrolling_with_a_correct_code_shows_recovery_codes_once(
    admin_before_two_factor, staff_admin
):
    admin_before_two_factor.get("/account/two-factor/set-up/")
    secret = TOTPDevice.objects.get(user=staff_admin).secret
    response = admin_before_two_factor.post(
        "/account/two-factor/set-up/", {"code": code_now(secret)}
    )
    assert response.url == "/account/two-factor/recovery-codes/"
    page = admin_before_two_factor.get(response.url).content.decode()
    codes = re.findall(r"<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2})</li>", page)
    assert len(codes) == 10
    assert RecoveryCode.objects.filter(user=staff_admin).count() == 10
    assert not RecoveryCode.objects.filter(code_hash__in=codes).exists()
    assert admin_before_two_factor.get(response.url).url == "/account/"
    assert admin_before_two_factor.get("/staff/users/").status_code == 200
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TWO_FACTOR_ENROLLED).exists()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", b"Enter the 6-digit code"),
        ("abcdef", b"The code must be 6 digits"),
        ("1234567", b"The code must be 6 digits"),
        ("9" * 500, b"Enter the 6-digit code"),
    ],
)
def test_bad_codes_get_a_clear_error(admin_before_two_factor, staff_admin, code, message):
    admin_before_two_factor.get("/account/two-factor/set-up/")
    response = admin_before_two_factor.post("/account/two-factor/set-up/", {"code": code})
    assert response.status_code == 200
    assert message in response.content
    assert b'href="#id_code"' in response.content
    assert TOTPDevice.objects.get(user=staff_admin).confirmed_at is None


def test_a_wrong_code_does_not_enrol(admin_before_two_factor, staff_admin):
    admin_before_two_factor.get("/account/two-factor/set-up/")
    secret = TOTPDevice.objects.get(user=staff_admin).secret
    wrong = f"{(int(code_now(secret)) + 1) % 1_000_000:06d}"
    response = admin_before_two_factor.post("/account/two-factor/set-up/", {"code": wrong})
    assert b"The code is not correct" in response.content
    assert TOTPDevice.objects.get(user=staff_admin).confirmed_at is None
    assert admin_before_two_factor.get("/").url == "/account/two-factor/set-up/"


# Verification at sign-in


def test_an_enrolled_user_must_pass_the_code_after_the_link(enrolled_admin):
    assert enrolled_admin.get("/staff/users/").url == "/sign-in/two-factor/"
    response = enrolled_admin.post("/sign-in/two-factor/", {"code": code_now()})
    assert response.url == "/"
    assert enrolled_admin.get("/staff/users/").status_code == 200


def test_an_enrolled_member_is_asked_for_the_code_too(client, member):
    factories.enrol_totp(member, SECRET)
    client.post("/sign-in/", {"email": member.email})
    link = re.search(r"/sign-in/link/[\w-]+/", mail.outbox[0].body).group(0)
    client.post(link)
    assert client.get("/directory/").url == "/sign-in/two-factor/"


def test_a_code_cannot_be_replayed(enrolled_admin, client_for, staff_admin):
    code = code_now()
    enrolled_admin.post("/sign-in/two-factor/", {"code": code})
    other = client_for(staff_admin, two_factor_done=False)
    response = other.post("/sign-in/two-factor/", {"code": code})
    assert b"The code is not correct" in response.content
    assert other.get("/staff/users/").url == "/sign-in/two-factor/"


def test_passing_two_factor_changes_the_session_key(enrolled_admin):
    before = enrolled_admin.session.session_key
    enrolled_admin.post("/sign-in/two-factor/", {"code": code_now()})
    assert enrolled_admin.session.session_key != before
    assert enrolled_admin.session[sessions.TWO_FACTOR_KEY] is True


def test_a_recovery_code_works_once(client_for, staff_admin):
    client = client_for(staff_admin, two_factor_done=False)
    client.get("/account/two-factor/set-up/")
    secret = TOTPDevice.objects.get(user=staff_admin).secret
    client.post("/account/two-factor/set-up/", {"code": code_now(secret)})
    page = client.get("/account/two-factor/recovery-codes/").content.decode()
    code = re.findall(r"<li>([a-z2-9-]{12})</li>", page)[0]
    fresh = client_for(staff_admin, two_factor_done=False)
    response = fresh.post("/sign-in/two-factor/recovery/", {"code": code.upper()}, follow=True)
    assert b"You have 9 recovery codes left" in response.content
    again = client_for(staff_admin, two_factor_done=False)
    response = again.post("/sign-in/two-factor/recovery/", {"code": code})
    assert b"not valid or has been used" in response.content
    assert again.get("/").url == "/sign-in/two-factor/"


def test_too_many_wrong_codes_lock_verification_for_a_while(enrolled_admin, clock, settings):
    settings.TWO_FACTOR_MAX_FAILURES = 3
    for _ in range(3):
        enrolled_admin.post("/sign-in/two-factor/", {"code": "000000"})
    response = enrolled_admin.post("/sign-in/two-factor/", {"code": code_now()})
    assert b"Too many wrong codes" in response.content
    assert enrolled_admin.get("/").url == "/sign-in/two-factor/"
    clock.shift(15 * 60 + 1)
    response = enrolled_admin.post("/sign-in/two-factor/", {"code": code_now()})
    assert response.url == "/"


# Staff reset


def test_staff_reset_removes_the_authenticator_and_ends_sessions(
    client_for, staff_admin, facilitator
):
    factories.enrol_totp(facilitator, SECRET)
    facilitator_client = client_for(facilitator)
    response = client_for(staff_admin).post(f"/staff/users/{facilitator.pk}/reset-two-factor/")
    assert response.url == f"/staff/users/{facilitator.pk}/"
    assert not TOTPDevice.objects.filter(user=facilitator).exists()
    assert facilitator_client.get("/").url == "/signed-out/?reason=ended"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TWO_FACTOR_RESET).exists()


def test_only_staff_admins_can_reset(client_for, facilitator, member):
    factories.enrol_totp(member, SECRET)
    response = client_for(facilitator).post(f"/staff/users/{member.pk}/reset-two-factor/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=member).exists()
