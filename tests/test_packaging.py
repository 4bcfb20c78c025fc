"""What ships: the licence, the lock file, the desktop entry and the AppStream data."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
METAINFO = LINUX / "org.supervision_diary.SupervisionDiary.metainfo.xml"
DESKTOP = LINUX / "supervision-diary.desktop"


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0]).lower()


def test_the_licence_is_an_spdx_expression_with_its_file() -> None:
    project = _pyproject()["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_every_dependency_has_a_compatible_range_and_an_exact_pin_with_hashes_in_the_lock() -> None:
    project = _pyproject()["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["packaging"]
    assert all("<" in requirement for requirement in wanted), "give each dependency an upper bound too"
    lock = (ROOT / "packaging" / "requirements.lock").read_text(encoding="utf-8")
    pinned = dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==(\S+)", lock, re.M))
    missing = sorted(_name(r) for r in wanted if _name(r) not in pinned)
    assert not missing, f"run packaging/lock.sh: {missing} not in packaging/requirements.lock"
    blocks = re.split(r"\n(?=[a-z0-9])", lock.strip())
    assert all("--hash=sha256:" in block for block in blocks)


def test_the_notices_name_every_runtime_package_and_carry_qts_licence(tmp_path: Path) -> None:
    out = tmp_path / "notices.txt"
    subprocess.run([sys.executable, str(ROOT / "packaging" / "third_party_notices.py"), str(out)], check=True)
    text = out.read_text(encoding="utf-8")
    listed = {_name(name) for name in re.findall(r"^  (\S+) \S+: ", text, re.M)}
    assert {_name(requirement) for requirement in _pyproject()["project"]["dependencies"]} <= listed
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "Version 3" in text
    assert "GNU GENERAL PUBLIC LICENSE" in text


def test_the_desktop_entry_claims_only_the_case_file_type() -> None:
    mime_types = [m for m in re.search(r"^MimeType=(.*)$", DESKTOP.read_text(), re.M).group(1).split(";") if m]
    assert mime_types == ["application/x-supervision-diary+json"]


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli is not installed (Debian: appstream)")
def test_the_appstream_metainfo_validates() -> None:
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-validate is not installed (Debian: desktop-file-utils)"
)
def test_the_desktop_entry_validates() -> None:
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_a_demo_diary_made_by_the_readme_command_is_not_committed() -> None:
    assert "demo-diary/" in (ROOT / ".gitignore").read_text().splitlines()
