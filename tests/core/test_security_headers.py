import io
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


def test_every_response_to_someone_signed_in_is_kept_out_of_every_cache(client_for, member):
    from django.core.files import File

    from convene.accounts.services.audit import Origin
    from convene.directory.services import photos
    from tests.directory.test_photos import image_bytes

    photos.change_photo(
        member.profile, File(io.BytesIO(image_bytes())), actor=member, origin=Origin()
    )
    client = client_for(member)
    paths = {
        "home": "/",
        "directory": "/directory/",
        "an htmx fragment of results": "/directory/?q=okafor",
        "a profile": f"/people/{member.profile.pk}/",
        "a photo": f"/people/{member.profile.pk}/photo/",
        "an export": "/directory/export/?q=okafor&columns=name&file_format=csv",
        "your data": "/account/your-data/download/",
        "a page not found": "/no-such-page/",
        "the accessibility statement": "/accessibility/",
    }
    for what, path in paths.items():
        headers = {"HX-Request": "true"} if "htmx" in what else {}
        response = client.get(path, headers=headers)
        assert response.status_code in (200, 404), what
        assert response["Cache-Control"] == "no-store", what


def test_public_pages_for_visitors_not_signed_in_are_left_as_they_were(client):
    assert "no-store" not in client.get("/sign-in/").get("Cache-Control", "")
    assert "no-store" not in client.get("/accessibility/").get("Cache-Control", "")
