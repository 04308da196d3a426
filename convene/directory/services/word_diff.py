"""The words that changed between two versions of a text, for a profile's history.

A word-level diff (difflib) marked with <del> and <ins>, each with visually hidden
"removed:" / "added:" for screen readers, and long unchanged stretches cut to a few words
either side of each change ("…"). Every piece of text is escaped here.
"""

import difflib

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# Unchanged words kept either side of a change; a longer unchanged stretch is elided.
CONTEXT = 6
ELLIPSIS = "…"
MARKS = {
    "del": '<del class="convene-diff__del">'
    '<span class="govuk-visually-hidden">removed: </span>{}</del>',
    "ins": '<ins class="convene-diff__ins">'
    '<span class="govuk-visually-hidden">added: </span>{}</ins>',
}


def words_of(value) -> list[str]:
    """What to compare of a stored value: a text's words (line breaks and runs of spaces
    do not count as changes), or a list's items (cohorts are stored as names)."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value).split()


def _unchanged(words: list[str], *, follows_change: bool, precedes_change: bool) -> str:
    """An unchanged stretch, escaped: CONTEXT words kept next to each change, "…" for
    the rest."""
    head = CONTEXT if follows_change else 0
    tail = CONTEXT if precedes_change else 0
    if len(words) <= head + tail or not (head or tail):
        return escape(" ".join(words))
    pieces = [escape(" ".join(words[:head]))] if head else []
    pieces.append(ELLIPSIS)
    if tail:
        pieces.append(escape(" ".join(words[-tail:])))
    return " ".join(pieces)


def word_diff(old, new) -> SafeString:
    """``old`` → ``new`` as escaped HTML: unchanged words plain, removed ones in <del>,
    added ones in <ins>."""
    before, after = words_of(old), words_of(new)
    opcodes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    pieces = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            pieces.append(
                _unchanged(
                    before[i1:i2],
                    follows_change=index > 0,
                    precedes_change=index < len(opcodes) - 1,
                )
            )
            continue
        if i2 > i1:
            pieces.append(format_html(MARKS["del"], " ".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(format_html(MARKS["ins"], " ".join(after[j1:j2])))
    # Every piece was escaped, or built by format_html, above.
    return mark_safe(" ".join(pieces))
