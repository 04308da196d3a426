"""Profile photos: checked, re-encoded and stored small.

The uploaded file is never kept or served: Pillow must recognise it as a JPEG, PNG or
WebP image of sensible size, and what is stored is a new JPEG drawn from its pixels,
turned upright and without metadata (no location, no camera serial).

Nothing is spent on a file before it is known to be small enough (ADR 19): its declared
size is checked before a byte is read, its declared width and height (the header, which
is all `Image.open` reads) before a pixel is decoded, and a JPEG is decoded straight at
the smallest scale that still gives the 400 px kept.
"""

import io

from django.conf import settings
from django.core.files import File
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from convene.accounts.models import User
from convene.accounts.services.audit import Origin
from convene.core.sizes import human_size
from convene.directory.models import Profile, ProfilePhoto
from convene.directory.services import history

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
LONGEST_SIDE = 400
JPEG_QUALITY = 85

# Pillow's own decompression-bomb check runs inside Image.open, before Convene's: it warns
# above MAX_IMAGE_PIXELS and raises above twice that. Pillow is used for nothing else, so
# its limit is set to the cap: it never fires on a photo Convene would accept, and when
# it does fire it is answered with the same message as Convene's own check.
Image.MAX_IMAGE_PIXELS = settings.PHOTO_MAX_PIXELS


class PhotoRefused(ValueError):
    """Why the photo cannot be used, for the person uploading it."""


def check_size(upload: File) -> None:
    """Refuse a file over PHOTO_MAX_BYTES from its declared size, without reading it."""
    if upload.size > settings.PHOTO_MAX_BYTES:
        raise PhotoRefused(f"The photo must be smaller than {human_size(settings.PHOTO_MAX_BYTES)}")


def _too_many_pixels() -> PhotoRefused:
    megapixels = settings.PHOTO_MAX_PIXELS / 1_000_000
    return PhotoRefused(f"The photo has too many pixels: use one under {megapixels:g} megapixels")


def _damaged() -> PhotoRefused:
    return PhotoRefused("The photo is damaged or incomplete: choose another")


def _open(upload: File) -> Image.Image:
    """The image's header, read lazily from the upload; its pixels are not decoded yet."""
    upload.seek(0)
    try:
        image = Image.open(upload)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except UnidentifiedImageError:
        raise PhotoRefused("The file is not a photo: choose a JPG, PNG or WebP image") from None
    except OSError:  # recognised, but its header is cut short
        raise _damaged() from None
    if image.format not in ACCEPTED_FORMATS:
        raise PhotoRefused("The photo must be a JPG, PNG or WebP image")
    if image.width * image.height > settings.PHOTO_MAX_PIXELS:
        raise _too_many_pixels()
    return image


def _decode(image: Image.Image) -> Image.Image:
    # For a JPEG, draft asks the decoder for 1/2, 1/4 or 1/8 scale, the smallest still at
    # least 400 px each way: a 12 MP photo is decoded as 0.75 MP. Other formats ignore it.
    image.draft("RGB", (LONGEST_SIDE, LONGEST_SIDE))
    try:
        image.load()
    except (OSError, SyntaxError, ValueError):  # what Pillow's decoders raise on bad data
        raise _damaged() from None
    return image


def re_encode(upload: File) -> Image.Image:
    check_size(upload)
    image = ImageOps.exif_transpose(_decode(_open(upload)))
    image = image.convert("RGB")
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    return image


def change_photo(profile: Profile, upload: File, *, actor: User, origin: Origin) -> ProfilePhoto:
    """Store a small JPEG drawn from the uploaded file (PhotoRefused if it will not do),
    recorded in the profile's history."""
    image = re_encode(upload)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    with transaction.atomic():
        had_photo = ProfilePhoto.objects.filter(profile=profile).exists()
        photo, _ = ProfilePhoto.objects.update_or_create(
            profile=profile,
            defaults={"jpeg": out.getvalue(), "width": image.width, "height": image.height},
        )
        _record(profile, ["a photo" if had_photo else "", "a new photo"], actor, origin)
    return photo


def remove_photo(profile: Profile, *, actor: User, origin: Origin) -> bool:
    """Remove the photo, recorded in the profile's history. False if there was none."""
    with transaction.atomic():
        deleted, _ = ProfilePhoto.objects.filter(profile=profile).delete()
        if deleted:
            _record(profile, ["a photo", ""], actor, origin)
    return bool(deleted)


def _record(profile: Profile, change: list[str], actor: User, origin: Origin) -> None:
    history.record_change(profile, {"photo": change}, actor=actor, origin=origin)
