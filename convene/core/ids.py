"""Ids in URLs: positive whole numbers the database can hold, or the page is "not found".

Every ``<id:...>`` in a urls.py goes through ``IdConverter`` (registered in config/urls.py).
Django's ``<int:...>`` takes any run of digits, and a 25-digit one reached the database:
SQLite raised OverflowError (a 500) where it should have said "not found". Posted ids go
through forms instead (a ModelChoiceField over the rows the view may act on).
"""

# Primary keys are BigAutoField (config/settings/base.py): a signed 64-bit integer.
MAX_ID = 2**63 - 1


class IdConverter:
    # At most 19 digits, as many as MAX_ID has: a longer one never matches, so a string of
    # thousands of digits is never converted (Python refuses those beyond 4,300 anyway).
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            # A converter's ValueError means "this URL does not match": a 404.
            raise ValueError(f"{value} is not an id")
        return number

    def to_url(self, value: int) -> str:
        return str(value)
