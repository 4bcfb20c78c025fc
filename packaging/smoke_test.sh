#!/usr/bin/env bash
# Smoke test of the built app (a documented script, not part of CI: see packaging/README.md).
#
# Builds dist/supervision-diary (or reuses it; REBUILD=1 forces a build), copies it alone to a clean
# folder, and runs it there with an empty environment (no venv, no Python packages, a throwaway
# HOME and data directory, DIARY_PASSPHRASE), on Qt's offscreen platform. It checks that:
#   - the window opens on a new encrypted diary and the app exits 0 when asked
#     (DIARY_SMOKE_EXIT_AFTER_MS, handled in diary/ui/app.py);
#   - the command line works from the bundle (demo caseload, migrations, integrity check, export);
#   - a case file handed over by the file manager (--open FILE) is imported;
# and prints the bundle's size and how long each start took.
set -euo pipefail
cd "$(dirname "$0")/.."
BUNDLE=dist/supervision-diary
if [ "${REBUILD:-0}" != 0 ] || [ ! -x "$BUNDLE/supervision-diary" ]; then
    packaging/build.sh
fi
CLEAN=${CLEAN_DIR:-/tmp/clean}
rm -rf "$CLEAN" && mkdir -p "$CLEAN" && cp -a "$BUNDLE" "$CLEAN/"
APP="$CLEAN/supervision-diary/supervision-diary"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home"

run() {  # run DATA_DIR ARGS...: the bundle with nothing from this shell's environment
    local data=$1
    shift
    env -i PATH=/usr/bin:/bin HOME="$WORK/home" QT_QPA_PLATFORM=offscreen \
        DIARY_DATA_DIR="$data" DIARY_PASSPHRASE="smoke test passphrase" DIARY_SMOKE_EXIT_AFTER_MS=0 \
        "$APP" "$@"
}

start() {  # start LABEL DATA_DIR ARGS...: open the window, check it showed and the exit code, time it
    local label=$1
    shift
    local t0 t1 out code=0
    t0=$(date +%s%N)
    out=$(run "$@" 2>"$WORK/stderr") || code=$?
    t1=$(date +%s%N)
    if [ "$code" != 0 ] || [[ "$out" != "smoke: main window shown: "* ]]; then
        echo "FAIL ($label): exit $code, output: $out" >&2
        cat "$WORK/stderr" >&2
        exit 1
    fi
    printf '%-34s %5d ms  (%s)\n' "$label" $(((t1 - t0) / 1000000)) "${out#smoke: }"
}

echo "bundle: $(du -sh "$CLEAN/supervision-diary" | cut -f1) in $CLEAN/supervision-diary"
grep -q "^MIT License" "$CLEAN/supervision-diary/LICENSE" || { echo "FAIL: no LICENSE in the bundle" >&2; exit 1; }
grep -q "GNU LESSER GENERAL PUBLIC LICENSE" "$CLEAN/supervision-diary/THIRD-PARTY-NOTICES.txt" \
    || { echo "FAIL: no third-party notices (with Qt's LGPL) in the bundle" >&2; exit 1; }
run "$WORK/data" --version
start "first start (creates the diary)" "$WORK/data"
start "second start (empty diary)" "$WORK/data"
run "$WORK/data" demo --people 30 >/dev/null
start "start with 30 people" "$WORK/data"
[ "$(run "$WORK/data" check)" = ok ] || { echo "FAIL: diary check" >&2; exit 1; }
run "$WORK/data" export --out "$WORK/caseload.json" 2>/dev/null
start "start with --open FILE" "$WORK/other" --open "$WORK/caseload.json"
run "$WORK/other" export --out "$WORK/imported.json" 2>/dev/null
cmp -s "$WORK/caseload.json" "$WORK/imported.json" || { echo "FAIL: --open did not import the case file" >&2; exit 1; }
echo "smoke test passed"
