"""Close spellings: exactly the name words one edit away, the same on both engines, read
afresh (no one deactivated is ever offered)."""

import pytest
from django.core.management import call_command
from django.db import connection

from convene.accounts.models import User
from convene.directory.models import SearchEntry
from convene.directory.services import spelling
from convene.directory.services.search import search
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("manchester", "manchestr", True),  # a letter missing
        ("okafor", "okaffor", True),  # one extra
        ("cumbria", "cumbrka", True),  # one wrong
        ("cumbria", "cumbira", True),  # two neighbours swapped
        ("hughes", "yhughes", True),  # one extra at the start
        ("hughes", "hughse", True),  # swapped at the end
        ("hughes", "hughes", False),  # the same word
        ("hughes", "hgues", False),  # two edits
        ("hughes", "uhghse", False),  # two swaps
        ("okafor", "okaf", False),  # two letters missing
        ("cumbria", "cubmira", False),
    ],
)
def test_one_edit_apart(a, b, apart):
    assert spelling.one_edit_apart(a, b) is apart
    assert spelling.one_edit_apart(b, a) is apart


def _one_edit_variants(word: str) -> set[str]:
    # The edits that change a word's trigrams most: near its start, and swaps.
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    missing = {word[:i] + word[i + 1 :] for i in range(len(word))}
    wrong = {word[:i] + "q" + word[i + 1 :] for i in range(min(3, len(word)))}
    extra = {word[:i] + "q" + word[i:] for i in range(3)}
    return {v for v in swaps | missing | wrong | extra if len(v) >= spelling.MIN_LENGTH} - {word}


def test_every_name_is_found_from_any_one_edit_of_it_on_either_engine():
    call_command("load_demo", verbosity=0)
    texts = SearchEntry.objects.values_list("names", "organisation")
    words = sorted({w for pair in texts for text in pair for w in text.split() if len(w) >= 4})
    every_pair = [(variant, word) for word in words for variant in _one_edit_variants(word)]
    # Searching for each would take minutes: short words (the hardest for trigrams) and
    # a few longer ones, searched for; below, every pair's similarity on PostgreSQL.
    sample = [w for w in words if len(w) <= 6][::8] + [w for w in words if len(w) > 6][::60]
    pairs = [(variant, word) for word in sample for variant in _one_edit_variants(word)]
    assert len(pairs) > 100
    for variant, word in pairs:
        assert word in spelling.close_to(variant) or _crowded(variant, word), (variant, word)
    if connection.vendor == "postgresql":
        # What the trigram index is asked for: every pair must reach it.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT min(word_similarity(v, w)) FROM unnest(%s::text[], %s::text[]) AS p(v, w)",
                [[v for v, _ in every_pair], [w for _, w in every_pair]],
            )
            assert cursor.fetchone()[0] >= spelling.WORD_SIMILARITY


def _crowded(variant: str, word: str) -> bool:
    """Only the nearest few are offered: a word may give way to others as near."""
    close = spelling.close_to(variant)
    return len(close) == spelling.MAX_ALTERNATIVES and all(
        abs(len(c) - len(variant)) <= abs(len(word) - len(variant)) for c in close
    )


def test_a_new_name_is_respelt_at_once_and_a_deactivated_one_never():
    factories.make_member("a@x.gov.uk", given="Bola", family="Adeyemi")
    assert search("adeyemo", {}, 1).corrections == {"adeyemo": ["adeyemi"]}

    User.objects.filter(email="a@x.gov.uk").update(is_active=False)
    result = search("adeyemo", {}, 1)
    assert result.corrections == {}
    assert result.total == 0


def test_organisations_are_respelt_as_well_as_people():
    factories.make_member(organisation=factories.make_organisation("Wiltshire Council", "W1"))
    assert search("wiltshrie", {}, 1).corrections == {"wiltshrie": ["wiltshire"]}
    assert search("wiltshrie", {}, 1).total == 1
