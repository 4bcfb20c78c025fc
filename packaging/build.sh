#!/usr/bin/env bash
# Build the one-folder app into dist/supervision-diary/ with PyInstaller (the app's own Python,
# its packages, Qt and the SQLCipher library; nothing to install on the target machine).
# Every package comes from packaging/requirements.lock (exact versions, hashes checked) in a build
# environment of its own, so two builds from the same commit carry the same code.
# Usage: packaging/build.sh            (PYTHON=... chooses the Python, python3 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=build/venv
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --require-hashes --only-binary :all: -r packaging/requirements.lock
"$VENV/bin/python" -m pip install --quiet --no-deps --no-build-isolation .
"$VENV/bin/python" packaging/third_party_notices.py build/THIRD-PARTY-NOTICES.txt
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/diary.spec
cp LICENSE build/THIRD-PARTY-NOTICES.txt dist/supervision-diary/
echo "Built dist/supervision-diary ($(du -sh dist/supervision-diary | cut -f1))"
