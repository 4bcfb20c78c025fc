#!/usr/bin/env bash
# Undo packaging/linux/install.sh: remove the menu entry, icons, case-file type and AppStream data.
# The app's folder and every diary (your data folder) are left alone: delete the folder yourself.
# Usage: packaging/linux/uninstall.sh   (same XDG_DATA_HOME as the install, if one was given)
set -euo pipefail
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
rm -f "$DATA/applications/supervision-diary.desktop" \
      "$DATA/mime/packages/supervision-diary.xml" \
      "$DATA/metainfo/org.supervision_diary.SupervisionDiary.metainfo.xml" \
      "$DATA/icons/hicolor/scalable/apps/supervision-diary.svg"
for size in 16 24 32 48 64 128 256; do
    rm -f "$DATA/icons/hicolor/${size}x${size}/apps/supervision-diary.png"
done
command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -f -t "$DATA/icons/hicolor" || true
echo "Removed Supervision Diary from the menu under $DATA. Your diaries are untouched."
