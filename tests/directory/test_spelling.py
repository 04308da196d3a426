"""Close spellings: exactly the name words one edit away, the same on both engines, read
afresh (no one deactivated is ever offered)."""

from itertools import product

import pytest
from django.core.management import call_command
from django.db import connection

from convene.accounts.models import User
from convene.accounts.services.audit import Origin
from convene.directory.models import Organisation, SearchEntry
from convene.directory.services import spelling
from convene.directory.services.organisations import save_organisations
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


def _every_edit(word: str, letters: str) -> set[str]:
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    missing = {word[:i] + word[i + 1 :] for i in range(len(word))}
    wrong = {word[:i] + c + word[i + 1 :] for i in range(len(word)) for c in letters}
    extra = {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in letters}
    return {v for v in swaps | missing | wrong | extra if len(v) >= spelling.MIN_LENGTH} - {word}


def _short_words_and_their_edits() -> list[tuple[str, str]]:
    """Every word of four to ten letters over a two-letter alphabet (repeated letters are
    the hardest case for trigrams), with every edit of each, a third letter included."""
    words = ("".join(letters) for n in range(4, 11) for letters in product("ab", repeat=n))
    return [(variant, word) for word in words for variant in _every_edit(word, "abz")]


def _assert_the_trigram_index_keeps(pairs: list[tuple[str, str]]) -> None:
    """Each pair (a searched word, a word one edit from it) has at least the word
    similarity the trigram index is asked for (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT length(v), min(word_similarity(v, w))"
            " FROM unnest(%s::text[], %s::text[]) AS p(v, w) GROUP BY 1",
            [[v for v, _ in pairs], [w for _, w in pairs]],
        )
        least = dict(cursor.fetchall())
    assert least
    for length, similarity in least.items():
        assert similarity >= spelling.least_similarity(length), length


def test_every_name_is_found_from_any_one_edit_of_it_on_either_engine():
    call_command("load_demo", verbosity=0)
    texts = [
        *SearchEntry.objects.values_list("names", flat=True),
        *Organisation.objects.values_list("search_name", flat=True),
    ]
    words = sorted({w for text in texts for w in text.split() if len(w) >= 4})
    # Searching for each would take minutes: short words (the hardest for trigrams) and
    # a few longer ones are searched for; on PostgreSQL, every pair is checked below.
    sample = [w for w in words if len(w) <= 6][::8] + [w for w in words if len(w) > 6][::60]
    pairs = [(variant, word) for word in sample for variant in _one_edit_variants(word)]
    assert len(pairs) > 100
    for variant, word in pairs:
        assert word in spelling.close_to(variant) or _crowded(variant, word), (variant, word)
    if connection.vendor == "postgresql":
        every_pair = [(v, word) for word in words for v in _every_edit(word, "aeq")]
        _assert_the_trigram_index_keeps(every_pair + _short_words_and_their_edits())


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


def test_an_organisation_keeps_its_name_as_search_normalises_it():
    organisation = factories.make_organisation("Gwasanaeth Tân ac Achub", "W2", acronym="GTA")
    assert organisation.search_name == "gwasanaeth tan ac achub gta"
    save_organisations([{"code": "W2", "name": "Cyngor Sir Ynys Môn"}], actor=None, origin=Origin())
    organisation.refresh_from_db()
    assert organisation.search_name == "cyngor sir ynys mon gta"


def test_organisations_are_respelt_as_well_as_people():
    factories.make_member(organisation=factories.make_organisation("Wiltshire Council", "W1"))
    assert search("wiltshrie", {}, 1).corrections == {"wiltshrie": ["wiltshire"]}
    assert search("wiltshrie", {}, 1).total == 1
