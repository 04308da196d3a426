"""Fetch files from a published npm package without Node.js, checking its integrity.

The package tarball is downloaded at a pinned version from the registry npm is
configured with (NPM_CONFIG_REGISTRY, the `registry=` line of the project's or your
.npmrc, or `npm config get registry` where npm is installed: only its configuration is
read), and its sha512 integrity, as the registry publishes it, is checked before
anything is unpacked.
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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
        answer = subprocess.run(
            [npm, "config", "get", "registry"], capture_output=True, text=True, check=False
        )
        if answer.returncode == 0 and answer.stdout.strip().startswith("http"):
            return answer.stdout.strip()
    sys.exit("No npm registry configured: set NPM_CONFIG_REGISTRY to your npm registry's address.")


def fetch(
    package: str,
    version: str,
    integrity: str,
    wanted: re.Pattern,
    destination: Path,
    transform: Callable[[str, bytes], bytes] = lambda name, content: content,
) -> None:
    """Unpack the members matching ``wanted`` (its group 1 is the path under ``destination``)."""
    url = f"{configured_registry().rstrip('/')}/{package}/-/{package}-{version}.tgz"
    print(f"Fetching {package} {version} from the npm registry")
    with urllib.request.urlopen(url, timeout=60) as response:
        data = response.read()
    algorithm, _, expected = integrity.partition("-")
    if base64.b64encode(hashlib.new(algorithm, data).digest()).decode() != expected:
        sys.exit(f"{package} {version}: integrity check failed; nothing was unpacked.")
    destination.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            match = wanted.match(member.name)
            if not match or not member.isfile():
                continue
            target = destination / match.group(1)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(transform(target.name, archive.extractfile(member).read()))
    (destination / ".fetched").write_text(f"{package} {version} {integrity}\n")
    print(f"{package} {version} checked and unpacked into {destination.relative_to(ROOT)}")
