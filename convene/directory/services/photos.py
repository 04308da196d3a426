"""Profile photos: checked, re-encoded and stored small.

The uploaded file is never kept or served: Pillow must recognise it as a JPEG, PNG or
WebP image of sensible size, and what is stored is a new JPEG drawn from its pixels,
turned upright and without metadata (no location, no camera serial).
"""

import io
import warnings

from django.conf import settings
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from convene.accounts.models import User
from convene.accounts.services.audit import Origin
from convene.core.sizes import human_size
from convene.directory.models import Profile, ProfileChange, ProfilePhoto

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
LONGEST_SIDE = 400
# Far beyond any photo worth keeping, far below a decompression bomb.
MAX_PIXELS = 40_000_000
JPEG_QUALITY = 85


class PhotoRefused(ValueError):
    """Why the photo cannot be used, for the person uploading it."""


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise PhotoRefused("The photo must be a JPG, PNG or WebP image")
            if image.width * image.height > MAX_PIXELS:
                raise PhotoRefused("The photo is too large: use one under 40 megapixels")
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRefused("The file is not a photo: choose a JPG, PNG or WebP image") from None
    except OSError:
        raise PhotoRefused("The photo is damaged or incomplete: choose another") from None
    return image


def re_encode(data: bytes) -> Image.Image:
    if len(data) > settings.PHOTO_MAX_BYTES:
        raise PhotoRefused(f"The photo must be smaller than {human_size(settings.PHOTO_MAX_BYTES)}")
    image = ImageOps.exif_transpose(_open(data))
    image = image.convert("RGB")
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    return image


def change_photo(profile: Profile, data: bytes, *, actor: User, origin: Origin) -> ProfilePhoto:
    """Check, re-encode and store a new photo, recorded in the profile's history."""
    image = re_encode(data)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    with transaction.atomic():
        had_photo = ProfilePhoto.objects.filter(profile=profile).exists()
        photo, _ = ProfilePhoto.objects.update_or_create(
            profile=profile,
            defaults={"jpeg": out.getvalue(), "width": image.width, "height": image.height},
        )
        _record(profile, actor, ["a photo" if had_photo else "", "a new photo"])
    return photo


def remove_photo(profile: Profile, *, actor: User, origin: Origin) -> bool:
    """Remove the photo, recorded in the profile's history. False if there was none."""
    with transaction.atomic():
        deleted, _ = ProfilePhoto.objects.filter(profile=profile).delete()
        if deleted:
            _record(profile, actor, ["a photo", ""])
    return bool(deleted)


def _record(profile: Profile, actor: User, change: list[str]) -> None:
    # The profile's history is its audit trail (who changed what, shown to its keepers).
    ProfileChange.objects.create(profile=profile, actor=actor, changes={"photo": change})
