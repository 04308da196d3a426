import pytest

pytestmark = pytest.mark.django_db


def test_pages_use_the_govuk_layout(client):
    content = client.get("/sign-in/").content
    assert b'class="govuk-skip-link"' in content
    assert b"govuk-phase-banner" in content
    assert b"govuk-service-navigation__service-name" in content
    for link in [b'href="/privacy/"', b'href="/cookies/"', b'href="/accessibility/"']:
        assert link in content


def test_the_page_does_not_need_javascript_to_sign_in(client):
    content = client.get("/sign-in/").content
    assert b'<form method="post"' in content
    assert b'type="submit"' in content


def test_the_navigation_marks_the_current_page(client_for, member):
    content = client_for(member).get("/account/").content.decode()
    assert (
        '<a class="govuk-service-navigation__link" href="/account/" aria-current="page">' in content
    )
    assert 'href="/directory/" aria-current' not in content
