"""Checks shared by the profile form and the people import."""

import re

from django.core.exceptions import ValidationError

PHONE_CHARACTERS = re.compile(r"^[0-9+()\- ]+$")
MIN_PHONE_DIGITS = 7


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
