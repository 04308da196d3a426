"""Signing people in through the real pages, for browser tests."""

import pyotp

from convene.accounts.models import Role, TOTPDevice
from tests import factories


def sign_in(page, user):
    page.goto(f"/sign-in/link/{factories.sign_in_token(user)}/")
    page.get_by_test_id("confirm-sign-in").click()


def sign_in_staff_admin(page, on_set_up=lambda page: None, role=Role.STAFF_ADMIN):
    """A new staff admin (or other staff role) signs in, sets up their authenticator and
    is let in."""
    admin = factories.make_user(f"{role}@convene.example", role)
    sign_in(page, admin)
    on_set_up(page)
    secret = TOTPDevice.objects.get(user=admin).secret
    page.fill("#id_code", pyotp.TOTP(secret).now())
    page.locator("main button[type=submit]").click()
    return admin
