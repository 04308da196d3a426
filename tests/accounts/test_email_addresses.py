"""One canonical form of an e-mail address: every spelling that reaches an account is the
same string, and what could not be delivered or only looks like an address is refused."""

import pytest

from convene.accounts.email_addresses import EmailRefused, canonical_email

PLAIN = "researcher@convene.example"
LOOK_ALIKES = [
    "re\u017fearcher@convene.example",  # U+017F, long s
    "\uff52esearcher@convene.example",  # U+FF52, fullwidth r
    "RESEARCHER@CONVENE.EXAMPLE",
    "  Researcher@Convene.Example \t",
    "researcher@\uff43onvene.example",  # U+FF43, fullwidth c in the domain
    "\u3000researcher@convene.example\u00a0",  # ideographic and no-break spaces
]


@pytest.mark.parametrize("spelling", LOOK_ALIKES)
def test_every_look_alike_has_the_plain_address_as_its_canonical_form(spelling):
    assert canonical_email(spelling) == PLAIN


def test_the_kelvin_sign_is_the_letter_k():
    assert canonical_email("\u212aim@council.gov.uk") == "kim@council.gov.uk"


def test_the_canonical_form_is_its_own_canonical_form():
    assert canonical_email(canonical_email(LOOK_ALIKES[0])) == PLAIN


@pytest.mark.parametrize(
    "spelling",
    [
        "j\u00f6rg@council.gov.uk",  # o with umlaut
        "\u0131an@council.gov.uk",  # dotless i: casefolds to itself
        "stra\u00dfe@council.gov.uk",  # sharp s: its own letter, not a look-alike of ss
        "r\u0435searcher@convene.example",  # Cyrillic e
        "re\u200bsearcher@convene.example",  # a zero-width space
    ],
)
def test_a_local_part_that_is_not_ascii_is_refused(spelling):
    with pytest.raises(EmailRefused) as refused:
        canonical_email(spelling)
    assert refused.value.code == "non_ascii_local"
    assert "before the @" in refused.value.message


@pytest.mark.parametrize("spelling", ["kim@m\u00fcnchen.de", "kim@fa\u00df.de"])
def test_a_domain_that_is_not_ascii_is_refused_with_a_way_to_write_it(spelling):
    with pytest.raises(EmailRefused) as refused:
        canonical_email(spelling)
    assert refused.value.code == "non_ascii_domain"
    assert "xn--" in refused.value.message


def test_the_xn_form_of_an_international_domain_is_accepted():
    assert canonical_email("Kim@XN--MNCHEN-3YA.de") == "kim@xn--mnchen-3ya.de"


@pytest.mark.parametrize("text", ["", "   ", "no-at-sign", "two@@x.gov.uk", "a b@x.gov.uk", "a@"])
def test_what_is_not_an_address_is_refused_as_the_wrong_format(text):
    with pytest.raises(EmailRefused) as refused:
        canonical_email(text)
    assert refused.value.code == "invalid"
    assert refused.value.message.startswith("Enter an e-mail address in the correct format")


def test_an_address_that_grows_past_254_characters_when_normalised_is_refused():
    # "ﬀ" (one character) is "ff" (two) in its canonical form.
    with pytest.raises(EmailRefused) as refused:
        canonical_email("\ufb00" * 120 + "@council.gov.uk")
    assert refused.value.code == "max_length"


def test_a_refusal_is_a_value_error_with_a_reason_for_lists():
    with pytest.raises(ValueError, match="before the @") as refused:
        canonical_email("j\u00f6rg@council.gov.uk")
    assert refused.value.reason.startswith("has ")
