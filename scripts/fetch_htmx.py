"""Fetch htmx (pinned, hash-checked) into convene/core/static/htmx.

htmx enhances pages that already work without JavaScript (docs/decisions/0011-htmx.md).
"""

import re

from npm_package import ROOT, fetch

VERSION = "2.0.8"
INTEGRITY = (
    "sha512-"
    "fm297iru0iWsNJlBrjvtN7V9zjaxd+69Oqjh4F/Vq9Wwi2kFisLcrLCiv5oBX0KLfOX/zG8AUo9ROMU5XUB44Q=="
)

if __name__ == "__main__":
    fetch(
        "htmx.org",
        VERSION,
        INTEGRITY,
        re.compile(r"^package/dist/(htmx\.min\.js)$"),
        ROOT / "convene" / "core" / "static" / "htmx",
    )
