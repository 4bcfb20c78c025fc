#!/usr/bin/env bash
# Regenerate packaging/requirements.lock: exact versions with hashes, for every platform, of what the app
# and its bundle build need (pyproject.toml keeps compatible ranges). Run after changing a dependency.
# Usage: packaging/lock.sh          (uses .venv/bin/python; PYTHON=... to choose another)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
"$PYTHON" -m uv --version >/dev/null 2>&1 || "$PYTHON" -m pip install --quiet uv
"$PYTHON" -m uv pip compile pyproject.toml --extra packaging --generate-hashes --universal \
    --python-version 3.11 --no-header --quiet -o packaging/requirements.lock
echo "Wrote packaging/requirements.lock ($(grep -c '^[a-z]' packaging/requirements.lock) packages)"
