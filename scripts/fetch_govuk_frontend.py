"""Fetch GOV.UK Frontend's built assets from the npm registry, check them, unpack them.

No Node.js needed: the package's published tarball is downloaded at a pinned version
and its sha512 integrity (as the registry publishes it) is checked before anything is
unpacked. The registry is the one npm is configured with: NPM_CONFIG_REGISTRY, the
`registry=` line of the project's or your .npmrc, or `npm config get registry` where
npm is installed (only its configuration is read; Node.js builds nothing).

Convene is not on GOV.UK, so the GOV.UK typeface (GDS Transport) is not ours to use:
its @font-face rules and font files are left out and text falls back to Arial.
"""

import base64
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "6.6.0"
INTEGRITY = (
    "sha512-"
    "xctkWrQvLnvQt7fyjQ3MGX9S0wz0x0RQuLxCeoXF+s8EjGICG81/DYQGKN5qgO+0KVT12UAaRwUsGY6fulRcRg=="
)
ROOT = Path(__file__).resolve().parent.parent
DESTINATION = ROOT / "convene" / "core" / "static" / "govuk"
WANTED = re.compile(r"^package/dist/govuk/(govuk-frontend\.min\.(css|js)|assets/images/[\w.-]+)$")


def configured_registry() -> str:
    for name in ("NPM_CONFIG_REGISTRY", "npm_config_registry"):
        if os.environ.get(name):
            return os.environ[name]
    for npmrc in (ROOT / ".npmrc", Path.home() / ".npmrc"):
        if npmrc.exists():
            for line in npmrc.read_text().splitlines():
                key, _, value = line.partition("=")
                if key.strip() == "registry" and value.strip():
                    return value.strip()
    npm = shutil.which("npm")
    if npm:
        answer = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [npm, "config", "get", "registry"], capture_output=True, text=True, check=False
        )
        if answer.returncode == 0 and answer.stdout.strip().startswith("http"):
            return answer.stdout.strip()
    sys.exit("No npm registry configured: set NPM_CONFIG_REGISTRY to your npm registry's address.")


def check_integrity(data: bytes) -> None:
    algorithm, _, expected = INTEGRITY.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        sys.exit(f"govuk-frontend {VERSION}: integrity check failed; nothing was unpacked.")


def without_gds_transport(css: str) -> str:
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    return css.replace("url(/assets/", "url(assets/")


def main() -> None:
    registry = configured_registry().rstrip("/")
    url = f"{registry}/govuk-frontend/-/govuk-frontend-{VERSION}.tgz"
    print(f"Fetching govuk-frontend {VERSION} from the npm registry")
    with urllib.request.urlopen(url, timeout=60) as response:
        data = response.read()
    check_integrity(data)
    DESTINATION.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            match = WANTED.match(member.name)
            if not match or not member.isfile():
                continue
            target = DESTINATION / match.group(1)
            target.parent.mkdir(parents=True, exist_ok=True)
            content = archive.extractfile(member).read()
            if target.name.endswith(".css"):
                content = without_gds_transport(content.decode()).encode()
            target.write_bytes(content)
    (DESTINATION / ".fetched").write_text(f"{VERSION} {INTEGRITY}\n")
    print(f"GOV.UK Frontend {VERSION} checked and unpacked into {DESTINATION.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
