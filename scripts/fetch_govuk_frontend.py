"""Fetch GOV.UK Frontend's built assets (pinned, hash-checked) into convene/core/static/govuk.

Convene is not on GOV.UK, so the GOV.UK typeface (GDS Transport) is not ours to use:
its @font-face rules and font files are left out and text falls back to Arial.
"""

import re

from npm_package import ROOT, fetch

VERSION = "6.6.0"
INTEGRITY = (
    "sha512-"
    "xctkWrQvLnvQt7fyjQ3MGX9S0wz0x0RQuLxCeoXF+s8EjGICG81/DYQGKN5qgO+0KVT12UAaRwUsGY6fulRcRg=="
)
WANTED = re.compile(r"^package/dist/govuk/(govuk-frontend\.min\.(css|js)|assets/images/[\w.-]+)$")


def without_gds_transport(name: str, content: bytes) -> bytes:
    if not name.endswith(".css"):
        return content
    css = re.sub(r"@font-face\{[^}]*\}", "", content.decode())
    return css.replace("url(/assets/", "url(assets/").encode()


if __name__ == "__main__":
    fetch(
        "govuk-frontend",
        VERSION,
        INTEGRITY,
        WANTED,
        ROOT / "convene" / "core" / "static" / "govuk",
        transform=without_gds_transport,
    )
