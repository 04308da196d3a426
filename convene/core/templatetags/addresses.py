"""E-mail addresses that wrap at sensible points on a narrow screen.

An address has no spaces, so a browser either overflows it (a table cell scrolls the page
sideways) or, in a GOV.UK summary list (``overflow-wrap: break-word``), breaks it at any
letter: "private.office@northumberland-cou" / "nty-council.gov.uk". ``<wbr>`` offers the
breaks a reader expects, after the @ and before each dot; a part still too long for the
line breaks where it must.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def breakable_email(address) -> str:
    # Escaped first, so nothing in the address itself becomes markup; escaping makes no
    # "@" or "." of its own, so the breaks go only where the address has them.
    escaped = str(escape(address))
    return mark_safe(escaped.replace("@", "@<wbr>").replace(".", "<wbr>."))
