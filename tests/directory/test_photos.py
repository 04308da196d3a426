"""Profile photos: checked, re-encoded without metadata, served only to people signed in."""

import io
import warnings

import pytest
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile, JpegImagePlugin

from convene.accounts.services.audit import Origin
from convene.directory.forms import PhotoForm
from convene.directory.models import ProfileChange, ProfilePhoto
from convene.directory.services import photos
from tests.factories import unread_upload

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


def test_a_photo_address_with_a_25_digit_id_is_not_found(client_for, member):
    # SQLite cannot hold the number: it raised OverflowError (a 500) before ids were bounded.
    response = client_for(member).get("/people/1234567890123456789012345/photo/")
    assert response.status_code == 404


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


def huge_but_tiny_png(width: int, height: int) -> bytes:
    """A PNG declaring width x height pixels of one colour: a few KB on the wire."""
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("pillow_warns", ["as an error", "as a warning"])
def test_a_small_file_declaring_too_many_pixels_is_refused_before_it_is_decoded(
    client_for, member, monkeypatch, pillow_warns
):
    if pillow_warns == "as a warning":  # as in production; the test settings raise it
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image))
    # 6,300 x 6,300 is what the issue sent: 40 MP in a few KB. 3,700 x 3,700 (13.7 MP) is
    # under Pillow's own alarm but over Convene's cap.
    for width in (6300, 3700):
        content = huge_but_tiny_png(width, width)
        assert len(content) < 200 * 1024
        page = upload(client_for(member), member.profile, content, "me.png").content.decode()
        assert "The photo has too many pixels: use one under 12 megapixels" in page
        assert "govuk-error-summary" in page
    assert decoded == []
    assert not ProfilePhoto.objects.exists()


def test_the_pixel_cap_is_a_setting(member, settings):
    settings.PHOTO_MAX_PIXELS = 1_000_000
    with pytest.raises(photos.PhotoRefused, match="under 1 megapixels"):
        photos.change_photo(
            member.profile,
            File(io.BytesIO(image_bytes("PNG", (1001, 1000)))),
            actor=member,
            origin=Origin(),
        )
    photos.change_photo(
        member.profile,
        File(io.BytesIO(image_bytes("PNG", (1000, 1000)))),
        actor=member,
        origin=Origin(),
    )
    assert ProfilePhoto.objects.get().width == 400


def test_no_image_pillow_would_call_a_bomb_gets_past_the_cap_or_causes_an_error_page(
    client_for, member, settings
):
    # 196 megapixels: past the point where Pillow's own check raises rather than warns.
    page = upload(client_for(member), member.profile, huge_but_tiny_png(14_000, 14_000))
    assert page.status_code == 200
    assert "The photo has too many pixels" in page.content.decode()
    assert Image.MAX_IMAGE_PIXELS >= settings.PHOTO_MAX_PIXELS


def test_an_oversize_upload_is_refused_from_its_declared_size_without_being_read(
    client_for, member, settings
):
    settings.PHOTO_MAX_BYTES = 2048
    unread = unread_upload("me.jpg", 10**9, field="photo")
    form = PhotoForm(files={"photo": unread})
    assert form.errors == {"photo": ["The photo must be smaller than 2 KB"]}
    with pytest.raises(photos.PhotoRefused, match="smaller than 2 KB"):
        photos.change_photo(member.profile, unread, actor=member, origin=Origin())

    page = upload(client_for(member), member.profile, image_bytes(quality=100)).content.decode()
    assert "The photo must be smaller than 2 KB" in page
    assert not ProfilePhoto.objects.exists()


class ReadSpy(io.BytesIO):
    def __init__(self, content: bytes):
        super().__init__(content)
        self.size = len(content)
        self.reads = []

    def read(self, size=-1):
        self.reads.append(size)
        return super().read(size)


def test_the_upload_is_read_in_pieces_never_whole(member):
    content = image_bytes("PNG", (1500, 1000))
    spy = ReadSpy(content)
    photos.change_photo(member.profile, File(spy), actor=member, origin=Origin())
    assert spy.reads
    assert all(0 <= size < len(content) for size in spy.reads)


def test_a_big_jpeg_is_decoded_at_a_reduced_scale(member, monkeypatch):
    decoded_sizes = []
    load = JpegImagePlugin.JpegImageFile.load

    def spying_load(image):
        decoded_sizes.append(image.size)
        return load(image)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "load", spying_load)
    photos.change_photo(
        member.profile,
        File(io.BytesIO(image_bytes("JPEG", (3000, 2000)))),
        actor=member,
        origin=Origin(),
    )
    # JPEG can decode at 1/2, 1/4 or 1/8 scale: 1/4 is the smallest still over 400 px.
    assert decoded_sizes[0] == (750, 500)
    photo = stored(member.profile)
    assert photo.size == (400, 267)
    assert photo.getpixel((200, 130)) == pytest.approx((200, 30, 30), abs=8)


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
