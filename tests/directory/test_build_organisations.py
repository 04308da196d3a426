"""The shipped file is what the build script makes from the public registers."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data" / "public-bodies"


@pytest.mark.skipif(not SHARED_DATA.exists(), reason="needs ../shared/data (development and CI)")
def test_the_shipped_file_is_up_to_date_with_the_registers(tmp_path, monkeypatch):
    shipped = (ROOT / "convene" / "directory" / "data" / "organisations.csv").read_text()
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_organisations
    finally:
        sys.path.pop(0)
    rows = build_organisations.build(SHARED_DATA.parent)
    names = [row["name"] for row in rows]
    assert len(rows) == shipped.count("\n") - 1
    assert all(name in shipped for name in names)


def test_the_build_script_explains_a_missing_data_directory(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_organisations.py"), str(tmp_path / "none")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "development and CI machines only" in result.stderr
