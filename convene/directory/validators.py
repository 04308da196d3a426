"""Checks shared by the profile form and the people import."""

import re
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

PHONE_CHARACTERS = re.compile(r"^[0-9+()\- ]+$")
MIN_PHONE_DIGITS = 7
MAX_SOCIAL_LINKS = 5
MAX_SOCIAL_LINK_LENGTH = 300
# Characters a web address never holds unencoded (RFC 3986): refused rather than stored,
# though the page escapes them anyway.
NOT_IN_ADDRESSES = re.compile(r'[<>"`{}|\\^]')


class PhoneValidator:
    """A UK or international number as people write it: digits, spaces, + ( ) and -."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, value: str) -> None:
        if not value:
            return
        digits = sum(character.isdigit() for character in value)
        if not PHONE_CHARACTERS.match(value) or digits < MIN_PHONE_DIGITS:
            raise ValidationError(self.message, code="phone")


def require_https(value: str) -> None:
    """Only https:// addresses become links: never javascript:, data: or plain http://."""
    if value and not value.startswith("https://"):
        raise ValidationError("Enter an address starting with https://", code="https")


def normalise_social_links(addresses: list[str]) -> str:
    """The addresses checked, repeats removed, one a line: what a profile stores.

    A blank entry is skipped but counted, so that "Line 3" is the third line the person
    typed. Each error's code and ``number`` let the import word it for its report.
    """
    kept: list[str] = []
    for number, address in enumerate(addresses, start=1):
        address = address.strip()
        if not address:
            continue
        if len(address) > MAX_SOCIAL_LINK_LENGTH:
            raise ValidationError(
                f"Line %(number)s must be {MAX_SOCIAL_LINK_LENGTH} characters or fewer",
                code="link_too_long",
                params={"number": number},
            )
        address = _lower_case_scheme_and_host(address)
        if not is_https_address(address):
            raise ValidationError(
                "Line %(number)s is not a web address starting with https://",
                code="link_not_https",
                params={"number": number},
            )
        if address not in kept:
            kept.append(address)
    if len(kept) > MAX_SOCIAL_LINKS:
        raise ValidationError(
            f"Enter at most {MAX_SOCIAL_LINKS} web addresses", code="too_many_links"
        )
    return "\n".join(kept)


def is_https_address(address: str) -> bool:
    """The LinkedIn address's checks (a URL, https:// only), and nothing a URL never holds."""
    try:
        URLValidator()(address)
        require_https(address)
    except ValidationError:
        return False
    return not NOT_IN_ADDRESSES.search(address)


def _lower_case_scheme_and_host(address: str) -> str:
    # Both are case-blind, so "HTTPS://Bsky.app/…" is the same address as "https://bsky.app/…"
    # and counts once; the path is left alone, as some sites read it case by case.
    try:
        parts = urlsplit(address)
    except ValueError:
        return address  # the URL check that follows refuses it
    userinfo, at, host = parts.netloc.rpartition("@")
    netloc = f"{userinfo}{at}{host.lower()}"
    return urlunsplit(parts._replace(scheme=parts.scheme.lower(), netloc=netloc))
