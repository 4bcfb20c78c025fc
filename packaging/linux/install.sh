#!/usr/bin/env bash
# Desktop integration on Linux: menu entry, icons, and case files opened from the file manager.
# Usage: packaging/linux/install.sh [BUNDLE_DIR]   (default: dist/supervision-diary, from packaging/build.sh)
# Installs for the current user under ${XDG_DATA_HOME:-~/.local/share}; run as root with
# XDG_DATA_HOME=/usr/share (or /usr/local/share) to install for everyone. packaging/linux/uninstall.sh undoes it.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUNDLE=$(cd "${1:-$ROOT/dist/supervision-diary}" && pwd)
APP="$BUNDLE/supervision-diary"
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
[ -x "$APP" ] || { echo "No app at $APP: build it first (packaging/build.sh)." >&2; exit 1; }

mkdir -p "$DATA/applications" "$DATA/mime/packages" "$DATA/icons/hicolor/scalable/apps" "$DATA/metainfo"
sed "s|^Exec=supervision-diary |Exec=\"$APP\" |" "$HERE/supervision-diary.desktop" > "$DATA/applications/supervision-diary.desktop"
cp "$HERE/supervision-diary-mime.xml" "$DATA/mime/packages/supervision-diary.xml"
cp "$HERE/org.supervision_diary.SupervisionDiary.metainfo.xml" "$DATA/metainfo/"
for size in 16 24 32 48 64 128 256; do
    mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
    cp "$ROOT/resources/icons/supervision-diary-$size.png" "$DATA/icons/hicolor/${size}x${size}/apps/supervision-diary.png"
done
cp "$ROOT/resources/icons/supervision-diary.svg" "$DATA/icons/hicolor/scalable/apps/supervision-diary.svg"

update-mime-database "$DATA/mime"
command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications"
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -f -t "$DATA/icons/hicolor" || true
command -v xdg-mime >/dev/null && xdg-mime default supervision-diary.desktop application/x-supervision-diary+json
echo "Installed Supervision Diary ($APP) in the menu, with its icons and case-file type, under $DATA."
