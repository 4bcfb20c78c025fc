"""Write THIRD-PARTY-NOTICES.txt: every distribution the app runs on, its licence, and the licence texts.

Read from the installed distributions of the Python that runs it (the one the bundle is built with),
following supervision-diary's runtime requirements (extras left out), plus Python itself. Qt for
Python ships no licence text in its wheels, so the LGPL and GPL texts come from packaging/licenses.
Usage: python packaging/third_party_notices.py OUT_FILE
"""

from __future__ import annotations

import re
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

APP = "supervision-diary"
HERE = Path(__file__).resolve().parent
LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)
QT_DISTRIBUTIONS = {"pyside6-essentials", "shiboken6"}
QT_NOTE = """\
Qt for Python (PySide6) and Qt are used under the GNU Lesser General Public License version 3
(LGPL-3.0-only), whose text follows, with the GNU General Public License version 3 it builds on.
The Qt libraries are shipped as separate shared libraries in this bundle's folder and may be
replaced with compatible builds of your own. Qt's source code: https://code.qt.io and
https://download.qt.io/official_releases/; Qt for Python's: https://code.qt.io/cgit/pyside/pyside-setup.git
"""


def _key(name: str) -> str:
    """A distribution name in PEP 503 normal form."""
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions() -> list[metadata.Distribution]:
    """The app's runtime requirements, followed recursively, as installed here."""
    found: dict[str, metadata.Distribution] = {}
    pending = [APP]
    while pending:
        name = _key(pending.pop())
        if name in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[name] = dist
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return sorted((d for k, d in found.items() if k != APP), key=lambda d: _key(d.metadata["Name"]))


def licence_of(dist: metadata.Distribution) -> str:
    """The distribution's licence as it declares it (SPDX expression, licence field or classifiers)."""
    meta = dist.metadata
    if meta.get("License-Expression"):
        return meta["License-Expression"]
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) < 80:
        return field
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return ", ".join(classifiers) or "see the licence text below"


def licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """(file name, text) of each licence or notice file the distribution ships."""
    texts = []
    for file in dist.files or []:
        if ".dist-info" in str(file) and (LICENCE_FILE.search(file.name) or "licenses" in file.parts):
            path = Path(dist.locate_file(file))
            if path.is_file():
                texts.append((str(file), path.read_text(encoding="utf-8", errors="replace")))
    return texts


def python_licence() -> str:
    """The licence of the Python interpreter the bundle carries."""
    for candidate in (Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt"):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8", errors="replace")
    return "Python Software Foundation License Version 2 (PSF-2.0): https://docs.python.org/3/license.html\n"


def notices() -> str:
    """The whole notices text."""
    dists = runtime_distributions()
    rule = "=" * 78
    parts = [
        "Supervision Diary: third-party notices\n\n"
        "Supervision Diary is free software under the MIT licence (see LICENSE). The app as shipped\n"
        "also contains the software below, each under its own licence.\n",
        "\n".join(f"  {d.metadata['Name']} {d.version}: {licence_of(d)}" for d in dists),
        f"  Python {sys.version.split()[0]}: PSF-2.0\n",
    ]
    for dist in dists:
        parts.append(f"{rule}\n{dist.metadata['Name']} {dist.version} ({licence_of(dist)})\n{rule}\n")
        if _key(dist.metadata["Name"]) in QT_DISTRIBUTIONS:
            parts.append(QT_NOTE)
        for name, text in licence_texts(dist):
            parts.append(f"--- {name} ---\n{text.rstrip()}\n")
    parts.append(f"{rule}\nPython {sys.version.split()[0]} (PSF-2.0)\n{rule}\n{python_licence().rstrip()}\n")
    for name in ("LGPL-3.0.txt", "GPL-3.0.txt"):
        parts.append(f"{rule}\n{name[:-4]}, for Qt and Qt for Python\n{rule}\n{(HERE / 'licenses' / name).read_text()}")
    return "\n".join(parts)


def main() -> None:
    """Write the notices to the file named on the command line."""
    if len(sys.argv) != 2:
        sys.exit("usage: python packaging/third_party_notices.py OUT_FILE")
    Path(sys.argv[1]).write_text(notices(), encoding="utf-8")


if __name__ == "__main__":
    main()
