"""Why a search result matched: the searched words, marked, in the part of the profile
where they were found ("Working on: …burnout and <mark>moral</mark> <mark>injury</mark>…").

Computed in Python for the profiles of the page shown only, the same on both engines. A
word is found as matching finds it (text_match.py): a searched word of three letters or
more begins a word of the text, a shorter one is a whole word, close spellings count.
Only what anyone who may search sees on the profile itself is quoted: the topics and the
three texts (never contact details, which are not searched); words in the job title and
organisation are marked in the result's own line. Everything quoted is escaped; only
the <mark> around a word is markup.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from convene.directory.services.search_index import normalise
from convene.directory.services.text_match import MIN_PREFIX

# The fields a reason may quote, as the profile page labels them, in the order of their
# weight in ranking (a tie in words found goes to the first).
FIELDS = [
    ("topics", "Topics"),
    ("working_on", "Working on"),
    ("want_help_with", "Would like help with"),
    ("can_help_with", "Can help with"),
]
# Characters of context shown around the first word found, before and in all.
BEFORE, LENGTH = 50, 160
TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Reason:
    label: str
    snippet: SafeString


def _found(token: str, words: list[list[str]]) -> bool:
    parts = normalise(token).split()
    return any(
        part.startswith(word) if len(word) >= MIN_PREFIX else part == word
        for part in parts
        for alternatives in words
        for word in alternatives
    )


def _marks(text: str, words: list[list[str]]) -> list[re.Match]:
    return [token for token in TOKEN.finditer(text) if _found(token.group(), words)]


def _words_found(text: str, words: list[list[str]]) -> int:
    """How many of the searched words (each with its alternatives) the text holds."""
    tokens = TOKEN.findall(text)
    return sum(1 for alternatives in words if any(_found(t, [alternatives]) for t in tokens))


def _window(text: str, first: int) -> tuple[int, int]:
    start = 0 if first <= BEFORE else text.rfind(" ", 0, first - BEFORE) + 1
    end = len(text) if len(text) - start <= LENGTH else text.rfind(" ", start, start + LENGTH)
    return start, end if end > first else min(len(text), start + LENGTH)


def snippet(text: str, words: list[list[str]]) -> SafeString:
    """The text around the first word found, each word found in <mark>, all escaped."""
    marks = _marks(text, words)
    start, end = _window(text, marks[0].start() if marks else 0)
    pieces, at = [], start
    for mark in marks:
        if mark.start() < start or mark.end() > end:
            continue
        pieces += [escape(text[at : mark.start()]), format_html("<mark>{}</mark>", mark.group())]
        at = mark.end()
    pieces.append(escape(text[at:end]))
    before = "…" if start > 0 else ""
    after = "…" if end < len(text) else ""
    # Every piece is escaped above: joining them adds no markup of the person's.
    return mark_safe(before + "".join(pieces) + after)


def headline(profile, words: list[list[str]]) -> SafeString:
    """The result's line of job title and organisation, with the words found marked."""
    line = f"{profile.job_title}, {profile.organisation}"
    return snippet(line, words) if words else escape(line)


def reason(profile, words: list[list[str]]) -> Reason | None:
    """The field that holds most of the searched words, quoted; None if the words were
    found only in the name, job title or organisation, which the result shows already."""
    best, most = None, 0
    for field, label in FIELDS:
        found = _words_found(getattr(profile, field), words)
        if found > most:
            best, most = (field, label), found
    if best is None:
        return None
    field, label = best
    return Reason(label, snippet(getattr(profile, field), words))
