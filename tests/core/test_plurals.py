"""Counts in Convene's sentences read as English: one person, two people."""

from convene.core.plurals import counted


def test_one_is_singular_and_others_plural_with_thousands_separated():
    assert counted(1, "person", "people") == "1 person"
    assert counted(0, "person", "people") == "0 people"
    assert counted(2000, "leader", "leaders") == "2,000 leaders"
