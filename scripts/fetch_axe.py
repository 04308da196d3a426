"""Fetch axe-core (pinned, hash-checked) into var/axe for the browser accessibility tests."""

import re

from npm_package import ROOT, fetch

VERSION = "4.14.1"
INTEGRITY = (
    "sha512-"
    "FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)

if __name__ == "__main__":
    fetch(
        "axe-core",
        VERSION,
        INTEGRITY,
        re.compile(r"^package/(axe\.min\.js)$"),
        ROOT / "var" / "axe",
    )
