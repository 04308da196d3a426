"""The one canonical form of an e-mail address (ADR 20).

Every place that stores, looks up, counts or erases an address uses ``canonical_email``
and then compares with plain equality, so no database's own case rules decide whether
two spellings are the same person: PostgreSQL's UPPER() folds the long s (U+017F) to "S", SQLite's
LIKE folds only ASCII, and neither may give a look-alike its own rate-limit budget while
it reaches the same account.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

MAX_LENGTH = 254


class EmailRefused(ValueError):
    """An address Convene will not store or look up, with why, for the person typing it.

    ``message`` is a sentence for a form's field; ``reason`` the same, worded to follow
    the address or cell in a list ("“x” has letters…"); ``code`` is the form error code.
    """

    def __init__(self, code: str, message: str, reason: str):
        super().__init__(message)
        self.code = code
        self.message = message
        self.reason = reason


def _refusal(code: str) -> EmailRefused:
    return EmailRefused(code, *REFUSALS[code])


REFUSALS = {
    "invalid": (
        "Enter an e-mail address in the correct format, like name@council.gov.uk",
        "is not an e-mail address, like name@council.gov.uk",
    ),
    "non_ascii_local": (
        "Enter an e-mail address that uses only the letters a to z, numbers and symbols "
        "like . - _ before the @ (not accented letters or letters from other alphabets)",
        "has letters before the @ other than a to z (accented letters and letters from "
        "other alphabets cannot be used)",
    ),
    "non_ascii_domain": (
        "Enter the part of the e-mail address after the @ using only the letters a to z, "
        "numbers, dots and hyphens: for an international domain, use its xn-- form",
        "has letters after the @ other than a to z: for an international domain, use its xn-- form",
    ),
    "max_length": (
        f"E-mail address must be {MAX_LENGTH} characters or fewer",
        f"is longer than {MAX_LENGTH} characters",
    ),
}


def canonical_email(text: str) -> str:
    """``text`` as the one form Convene keeps: NFKC, then casefolded, without surrounding
    spaces, ASCII only. Raises EmailRefused (a ValueError) for what cannot be that form.

    NFKC turns compatibility look-alikes into the letters they look like (the long s
    U+017F and a fullwidth r U+FF52 to "s" and "r", the Kelvin sign U+212A to "K",
    no-break spaces to spaces). Whatever is then still not ASCII is refused, not folded
    further: it is a different letter (o with umlaut, the dotless i U+0131, the Cyrillic
    e U+0435, the sharp s) or invisible (U+200B), and a mailbox named with it needs
    SMTPUTF8, which Convene's mail does not use. On ASCII, casefold is lower().
    """
    address = unicodedata.normalize("NFKC", text).strip()
    local, at, domain = address.rpartition("@")
    if not (at and local and domain):
        raise _refusal("invalid")
    if not local.isascii():
        raise _refusal("non_ascii_local")
    if not domain.isascii():
        raise _refusal("non_ascii_domain")
    address = address.casefold()
    if len(address) > MAX_LENGTH:
        raise _refusal("max_length")
    try:
        validate_email(address)
    except ValidationError:
        raise _refusal("invalid") from None
    return address


def same_address(text: str, canonical: str) -> bool:
    """Is ``text`` (anything stored or typed) a spelling of the address ``canonical``?"""
    try:
        return canonical_email(text) == canonical
    except EmailRefused:
        return False
