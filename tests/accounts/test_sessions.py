import pytest

from convene.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_signs_out_after_30_idle_minutes(client_for, member, clock):
    client = client_for(member)
    assert client.get("/directory/").status_code == 200
    clock.shift(29 * 60)
    assert client.get("/directory/").status_code == 200
    clock.shift(31 * 60)
    response = client.get("/directory/")
    assert response.status_code == 302
    assert response.url == "/signed-out/?reason=idle"
    assert client.get("/directory/").status_code == 302
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SESSION_EXPIRED).count() == 1


def test_activity_keeps_the_session_alive(client_for, member, clock):
    client = client_for(member)
    for _ in range(5):
        clock.shift(20 * 60)
        assert client.get("/directory/").status_code == 200


def test_keep_alive_resets_the_idle_clock(client_for, member, clock):
    client = client_for(member)
    clock.shift(26 * 60)
    response = client.post("/session/keep-alive/", headers={"X-Requested-With": "fetch"})
    assert response.status_code == 204
    clock.shift(26 * 60)
    assert client.get("/directory/").status_code == 200


def test_it_signs_out_after_12_hours_however_active(client_for, member, clock):
    client = client_for(member)
    for _ in range(24):
        clock.shift(29 * 60)
        client.get("/directory/")
    clock.shift(29 * 60)
    response = client.get("/directory/")
    assert response.url == "/signed-out/?reason=expired"


def test_the_idle_limit_is_a_setting(client_for, member, clock, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client = client_for(member)
    clock.shift(6 * 60)
    assert client.get("/directory/").url == "/signed-out/?reason=idle"


def test_pages_warn_before_the_idle_sign_out(client_for, member):
    response = client_for(member).get("/directory/")
    assert b'data-idle-minutes="30"' in response.content
    assert b'data-warning-minutes="5"' in response.content
    assert b"Stay signed in" in response.content


def test_sign_out_everywhere_ends_every_session(client_for, member):
    laptop, phone = client_for(member), client_for(member)
    response = laptop.post("/sign-out/everywhere/")
    assert response.url == "/signed-out/?reason=everywhere"
    assert laptop.get("/directory/").status_code == 302
    assert phone.get("/directory/").url == "/signed-out/?reason=ended"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGNED_OUT_EVERYWHERE).exists()


def test_sign_out_everywhere_leaves_other_users_signed_in(client_for, member, other_member):
    other = client_for(other_member)
    client_for(member).post("/sign-out/everywhere/")
    assert other.get("/directory/").status_code == 200


def test_deactivating_a_user_ends_their_sessions_at_once(client_for, member):
    client = client_for(member)
    member.is_active = False
    member.save()
    assert client.get("/directory/").status_code == 302


def test_sign_out_rejects_get(client_for, member):
    client = client_for(member)
    assert client.get("/sign-out/").status_code == 405
    assert client.get("/directory/").status_code == 200


def test_sign_out_ends_the_session(client_for, member):
    client = client_for(member)
    assert client.post("/sign-out/").url == "/signed-out/"
    assert client.get("/directory/").status_code == 302
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGNED_OUT, actor=member).exists()


def test_a_signed_out_visitor_is_sent_to_sign_in_and_back(client, member):
    from django.core import mail

    response = client.get("/directory/")
    assert response.url == "/sign-in/?next=/directory/"
    client.get(response.url)
    client.post("/sign-in/", {"email": member.email})
    link = mail.outbox[0].body.split("8000", 1)[1].split()[0]
    assert client.post(link).url == "/directory/"
