import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/sign-in/", "/accessibility/", "/no-such-page/", "/directory/"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_the_csp_allows_no_inline_code_but_the_nonced_script(client):
    response = client.get("/sign-in/")
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    scripts = re.findall(rb"<script([^>]*)>", response.content)
    inline = [attributes for attributes in scripts if b"src=" not in attributes]
    assert inline == [f' nonce="{nonce}"'.encode()]
    assert b"style=" not in response.content


def test_the_nonce_changes_with_every_response(client):
    first = client.get("/sign-in/")["Content-Security-Policy"]
    second = client.get("/sign-in/")["Content-Security-Policy"]
    assert first != second


def test_unknown_pages_get_a_plain_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
