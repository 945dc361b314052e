#!/usr/bin/env bash
# Add the packaged app to the Linux desktop (menu entry, icons, .annotproj file type) for
# the current user. Usage: bash scripts/install-desktop.sh [BUNDLE_FOLDER]
# (default: dist/annotator). Undo with: bash scripts/install-desktop.sh --remove
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$DATA/applications/annotator.desktop" "$DATA/mime/packages/annotator.xml"
  for s in 16 24 32 48 64 128 256 512; do rm -f "$DATA/icons/hicolor/${s}x${s}/apps/annotator.png"; done
  rm -f "$DATA/icons/hicolor/scalable/apps/annotator.svg"
  echo "Removed annotator from the desktop."
  exit 0
fi
BUNDLE="$(cd "${1:-dist/annotator}" && pwd)"
[ -x "$BUNDLE/annotator" ] || { echo "No bundle at $BUNDLE: build it with 'bash scripts/build-bundle.sh'." >&2; exit 1; }
mkdir -p "$DATA/applications" "$DATA/mime/packages" "$DATA/icons/hicolor/scalable/apps"
for s in 16 24 32 48 64 128 256 512; do
  mkdir -p "$DATA/icons/hicolor/${s}x${s}/apps"
  cp resources/icons/annotator-$s.png "$DATA/icons/hicolor/${s}x${s}/apps/annotator.png"
done
cp resources/icons/annotator.svg "$DATA/icons/hicolor/scalable/apps/annotator.svg"
sed "s|^Exec=annotator %f|Exec=\"$BUNDLE/annotator\" %f|" resources/linux/annotator.desktop > "$DATA/applications/annotator.desktop"
cp resources/linux/annotator-mime.xml "$DATA/mime/packages/annotator.xml"
command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
echo "annotator is in the applications menu; .annotproj files open with it."
