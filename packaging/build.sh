#!/usr/bin/env bash
# Build the one-folder app into dist/supervision-diary/ with PyInstaller (the app's own Python,
# its packages, Qt and the SQLCipher library; nothing to install on the target machine).
# Usage: packaging/build.sh            (uses .venv/bin/python; PYTHON=... to choose another)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
if ! "$PYTHON" -c 'import PyInstaller' 2>/dev/null; then
    "$PYTHON" -m pip install --quiet -e '.[packaging]'
fi
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/diary.spec
echo "Built dist/supervision-diary ($(du -sh dist/supervision-diary | cut -f1))"
