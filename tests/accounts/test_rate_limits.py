import pytest
from django.core import mail

from convene.accounts.models import AuditEvent
from convene.accounts.services.audit import Origin
from convene.accounts.services.rate_limits import RateLimited, check_sign_in_rate
from convene.accounts.services.sign_in import request_sign_in_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny_limits(settings):
    settings.SIGN_IN_RATE_PER_ADDRESS = 2
    settings.SIGN_IN_RATE_PER_CLIENT = 3
    settings.SIGN_IN_RATE_WINDOW_MINUTES = 10


def ask(client, email, ip="203.0.113.1"):
    return client.post("/sign-in/", {"email": email}, REMOTE_ADDR=ip)


def test_it_limits_requests_per_address(client, member, tiny_limits, clock):
    assert ask(client, member.email).status_code == 302
    clock.shift(60)
    assert ask(client, member.email, ip="203.0.113.2").status_code == 302
    clock.shift(60)
    response = ask(client, member.email, ip="203.0.113.3")
    assert response.status_code == 429
    assert response["Retry-After"] == str(8 * 60)
    assert b"Too many sign-in requests" in response.content
    assert len(mail.outbox) == 2
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_RATE_LIMITED).count() == 1


def test_the_limit_lifts_when_the_window_passes(client, member, tiny_limits, clock):
    ask(client, member.email)
    ask(client, member.email)
    assert ask(client, member.email).status_code == 429
    clock.shift(10 * 60 + 1)
    assert ask(client, member.email).status_code == 302
    assert len(mail.outbox) == 3


def test_it_limits_requests_per_client(client, member, other_member, tiny_limits):
    for email in ["a@example.gov.uk", "b@example.gov.uk", member.email]:
        assert ask(client, email).status_code == 302
    response = ask(client, other_member.email)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_a_limited_address_does_not_limit_others(client, member, other_member, tiny_limits):
    ask(client, member.email, ip="203.0.113.1")
    ask(client, member.email, ip="203.0.113.2")
    assert ask(client, member.email, ip="203.0.113.3").status_code == 429
    assert ask(client, other_member.email, ip="203.0.113.4").status_code == 302
    assert mail.outbox[-1].to == [other_member.email]


def test_unknown_addresses_are_limited_the_same(client, tiny_limits):
    ask(client, "nobody@example.gov.uk")
    ask(client, "nobody@example.gov.uk")
    assert ask(client, "NOBODY@example.gov.uk").status_code == 429


def test_it_trusts_forwarded_addresses_only_from_configured_proxies(
    client, member, tiny_limits, settings
):
    for n in range(3):
        client.post(
            "/sign-in/",
            {"email": f"x{n}@example.gov.uk"},
            REMOTE_ADDR="10.0.0.1",
            headers={"X-Forwarded-For": f"198.51.100.{n}"},
        )
    # Without a trusted proxy, X-Forwarded-For is ignored: all came from 10.0.0.1.
    assert ask(client, member.email, ip="10.0.0.1").status_code == 429
    settings.TRUSTED_PROXY_COUNT = 1
    response = client.post(
        "/sign-in/",
        {"email": member.email},
        REMOTE_ADDR="10.0.0.1",
        headers={"X-Forwarded-For": "198.51.100.200"},
    )
    assert response.status_code == 302


# Look-alikes of an address are the address (ADR 20): one budget, whatever the database.
LOOK_ALIKES_OF_THE_RESEARCHER = [
    "re\u017fearcher@convene.example",  # U+017F, long s
    "\uff52esearcher@convene.example",  # U+FF52, fullwidth r
    "RESEARCHER@CONVENE.EXAMPLE",
    "  researcher@convene.example  ",
    "researcher@\uff43onvene.example",  # U+FF43, fullwidth c
]


@pytest.mark.parametrize("look_alike", LOOK_ALIKES_OF_THE_RESEARCHER)
def test_a_look_alike_shares_the_plain_address_s_budget(
    client, researcher, tiny_limits, look_alike
):
    ask(client, researcher.email, ip="203.0.113.1")
    ask(client, researcher.email, ip="203.0.113.2")
    assert ask(client, look_alike, ip="203.0.113.3").status_code == 429
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("look_alike", LOOK_ALIKES_OF_THE_RESEARCHER)
def test_the_plain_address_shares_a_look_alike_s_budget(
    client, researcher, tiny_limits, look_alike
):
    assert ask(client, look_alike, ip="203.0.113.1").status_code == 302
    assert ask(client, look_alike, ip="203.0.113.2").status_code == 302
    assert ask(client, researcher.email, ip="203.0.113.3").status_code == 429
    assert [message.to for message in mail.outbox] == [[researcher.email]] * 2
    counted = AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_REQUESTED)
    assert set(counted.values_list("subject_email", flat=True)) == {researcher.email}


def test_the_kelvin_sign_shares_the_budget_of_k(client, tiny_limits):
    ask(client, "kim@council.gov.uk")
    ask(client, "\u212aim@council.gov.uk")
    assert ask(client, "KIM@council.gov.uk").status_code == 429


def test_the_rate_check_counts_any_spelling_it_is_given_as_the_address(researcher, tiny_limits):
    request_sign_in_link(researcher.email, origin=Origin())
    request_sign_in_link(researcher.email, origin=Origin())
    with pytest.raises(RateLimited):
        check_sign_in_rate(email="re\u017fearcher@convene.example", ip_address=None)
