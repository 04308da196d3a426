"""The fixed cast of test users, and helpers to sign them in as a browser would be."""

import io

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.test import Client
from django.utils import timezone

from convene.accounts.models import Delegation, Role, TOTPDevice, User
from convene.accounts.services import sessions
from convene.accounts.services.audit import Origin
from convene.directory.models import Organisation, OrganisationType
from convene.directory.services import profiles
from convene.directory.services.organisations import save_organisations
from convene.programmes.services import cohorts


def make_organisation(name="Leeds City Council", code="E08000035", **fields) -> Organisation:
    """The organisation with this code, saved through the organisations' service if new."""
    found = Organisation.objects.filter(code=code).first()
    if found is not None:
        return found
    values = {
        "acronym": "",
        "org_type": OrganisationType.COUNCIL,
        "sector_id": "local_government",
        "region_id": "TLE",
        "source": "test",
        **fields,
        "name": name,
        "code": code,
    }
    save_organisations([values], actor=None, origin=Origin())
    return Organisation.objects.get(code=code)


def make_user(email: str, role: str = Role.MEMBER, **fields) -> User:
    return User.objects.create_user(email, role=role, **fields)


def make_member(email="member@example.gov.uk", given="Amara", family="Okafor", **fields) -> User:
    """A member with a profile, made by the service that makes every profile (its derived
    data too); peer vectors follow once the test's work commits."""
    user = make_user(email, Role.MEMBER, full_name=f"{given} {family}")
    organisation = fields.pop("organisation", None) or make_organisation()
    fields = {"given_name": given, "family_name": family, "job_title": "Chief Executive"} | fields
    profiles.create_profiles(
        # As it stands: a history starts with the test's own changes.
        [profiles.NewProfile(user, organisation, fields, changes={})],
        actor=None,
        origin=Origin(),
    )
    return user


def join_cohort(cohort, *users: User) -> None:
    """Put these members in the cohort through the cohorts' service."""
    cohorts.add_members(cohort, [user.profile for user in users], actor=None, origin=Origin())


def sign_in(client: Client, user: User, *, two_factor_done: bool = True) -> Client:
    """Sign ``user`` in on ``client`` with the session the sign-in flow would give them."""
    session = client.session
    now = timezone.now().timestamp()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[sessions.EPOCH_KEY] = user.session_epoch
    session[sessions.SIGNED_IN_AT_KEY] = now
    session[sessions.LAST_SEEN_KEY] = now
    session[sessions.TWO_FACTOR_KEY] = two_factor_done
    session.save()
    client.cookies["sessionid"] = session.session_key
    return client


def enrol_totp(user: User, secret: str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP") -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, secret=secret, confirmed_at=timezone.now())


def delegate_for(leader: User, email="pa@example.gov.uk") -> User:
    delegate = make_user(email, Role.DELEGATE, full_name="Sam Patel")
    Delegation.objects.create(leader=leader, delegate=delegate)
    return delegate


def sign_in_token(user: User) -> str:
    """A fresh, unused sign-in link token for ``user``."""
    from datetime import timedelta

    from convene.accounts.models import SignInLink
    from convene.core.tokens import new_token

    token, token_hash = new_token()
    SignInLink.objects.create(
        user=user, token_hash=token_hash, expires_at=timezone.now() + timedelta(minutes=15)
    )
    return token


def member_details(**overrides) -> dict:
    """What a member's invitation must say for their profile: invitations.invite keywords."""
    return {
        "full_name": "Nia Jones",
        "organisation": make_organisation(),
        "job_title": "Chief Executive",
        **overrides,
    }


def invitation_token(email: str = "invitee@example.gov.uk", role: str = Role.MEMBER) -> str:
    """A fresh, open invitation's token (a member's says what their profile needs)."""
    from datetime import timedelta

    from convene.accounts.models import Invitation
    from convene.core.tokens import new_token

    token, token_hash = new_token()
    member = role == Role.MEMBER
    Invitation.objects.create(
        email=email,
        role=role,
        full_name="Nia Jones" if member else "",
        organisation=make_organisation() if member else None,
        job_title="Chief Executive" if member else "",
        token_hash=token_hash,
        expires_at=timezone.now() + timedelta(days=14),
    )
    return token


def unread_upload(name: str, size: int, field: str = "file"):
    """An upload declaring `size` bytes that fails the test if anything reads it: a size
    check must refuse it from its declared size alone."""

    class ReadFails(io.BytesIO):
        def read(self, *args):
            pytest.fail("the upload was read before its size was checked")

    return InMemoryUploadedFile(ReadFails(), field, name, "application/octet-stream", size, None)
