"""Profile photos: checked, re-encoded without metadata, served only to people signed in."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from convene.directory.models import ProfileChange, ProfilePhoto

pytestmark = pytest.mark.django_db


def image_bytes(kind="JPEG", size=(1200, 800), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind, **save)
    return out.getvalue()


def upload(client, profile, content: bytes, name="me.jpg"):
    return client.post(
        f"/people/{profile.pk}/photo/edit/",
        {"photo": SimpleUploadedFile(name, content)},
        follow=True,
    )


def stored(profile) -> Image.Image:
    return Image.open(io.BytesIO(bytes(ProfilePhoto.objects.get(profile=profile).jpeg)))


def test_a_photo_is_re_encoded_small_as_jpeg_without_its_metadata(client_for, member):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x013B] = "Photographer's name"
    page = upload(client_for(member), member.profile, image_bytes("PNG", (1200, 800), exif=exif))

    assert "Photo saved" in page.content.decode()
    photo = stored(member.profile)
    assert (photo.format, photo.size) == ("JPEG", (400, 267))
    assert not photo.getexif()
    assert ProfileChange.objects.filter(profile=member.profile).first().changes == {
        "photo": ["", "a new photo"]
    }


def test_a_photo_taken_sideways_is_stored_upright(client_for, member):
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: rotate 90° to show it
    upload(client_for(member), member.profile, image_bytes("JPEG", (600, 300), exif=exif))
    assert stored(member.profile).size == (200, 400)


def test_people_signed_in_see_it_and_no_one_else(client_for, client, member, other_member):
    upload(client_for(member), member.profile, image_bytes())
    shown = client_for(other_member).get(f"/people/{member.profile.pk}/photo/")
    assert (shown.status_code, shown["Content-Type"]) == (200, "image/jpeg")
    assert shown["Cache-Control"] == "no-store"
    assert client.get(f"/people/{member.profile.pk}/photo/").status_code == 302
    profile_page = client_for(other_member).get(f"/people/{member.profile.pk}/").content.decode()
    assert f'src="/people/{member.profile.pk}/photo/" alt="Photo of Amara Okafor"' in profile_page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"<svg onload=alert(1)></svg>", "me.svg", "The file is not a photo"),
        (b"GIF89a not really", "me.jpg", "The file is not a photo"),
        (image_bytes("GIF", (10, 10)), "me.gif", "The photo must be a JPG, PNG or WebP image"),
        (image_bytes()[:400], "cut.jpg", "The photo is damaged or incomplete"),
        (b"%PDF-1.7", "me.pdf", "The file is not a photo"),
    ],
)
def test_a_file_that_is_not_a_usable_photo_is_refused(client_for, member, content, name, message):
    page = upload(client_for(member), member.profile, content, name)
    assert message in page.content.decode()
    assert "govuk-error-summary" in page.content.decode()
    assert not ProfilePhoto.objects.exists()


def test_an_oversize_file_or_a_decompression_bomb_is_refused(client_for, member, settings):
    settings.PHOTO_MAX_BYTES = 2048
    page = upload(client_for(member), member.profile, image_bytes(quality=100))
    assert "The photo must be smaller than 2 KB" in page.content.decode()
    settings.PHOTO_MAX_BYTES = 5 * 1024 * 1024
    bomb = image_bytes("PNG", (10_000, 10_000))  # 100 megapixels of one colour: tiny file
    assert (
        "The file is not a photo"
        in upload(client_for(member), member.profile, bomb).content.decode()
    )
    assert not ProfilePhoto.objects.exists()


def test_a_failed_upload_keeps_the_photo_already_there(client_for, member):
    client = client_for(member)
    upload(client, member.profile, image_bytes())
    before = bytes(ProfilePhoto.objects.get().jpeg)
    upload(client, member.profile, b"not an image")
    assert bytes(ProfilePhoto.objects.get().jpeg) == before


def test_the_photo_can_be_removed_by_those_who_edit_the_profile(
    client_for, member, delegate, other_member
):
    upload(client_for(member), member.profile, image_bytes())
    refused = client_for(other_member).post(
        f"/people/{member.profile.pk}/photo/edit/", {"remove": "1"}
    )
    assert refused.status_code == 403
    client_for(delegate).post(f"/people/{member.profile.pk}/photo/edit/", {"remove": "1"})
    assert not ProfilePhoto.objects.exists()
    assert client_for(member).get(f"/people/{member.profile.pk}/photo/").status_code == 404


def test_the_leader_s_data_download_holds_their_photo(client_for, member):
    import base64
    import json

    upload(client_for(member), member.profile, image_bytes())
    held = json.loads(client_for(member).get("/account/your-data/download/").content)
    photo = base64.b64decode(held["profile"]["photo_jpeg_base64"])
    assert photo == bytes(ProfilePhoto.objects.get().jpeg)
