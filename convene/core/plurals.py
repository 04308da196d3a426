"""Counts in words: "1 leader", "2,000 leaders". One function, so that every count in
Convene's sentences is said alike, the form chosen by Django's ngettext. Templates use
the ``pluralize`` filter for the same."""

from django.utils.translation import ngettext


def counted(number: int, singular: str, plural: str) -> str:
    """``counted(1, "person", "people")`` is "1 person"; thousands have commas."""
    return f"{number:,} {ngettext(singular, plural, number)}"
