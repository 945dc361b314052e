#!/usr/bin/env bash
# Build the installable bundle with PyInstaller into dist/annotator/ (a windowed
# `annotator` and a console `annotator-cli`), then check it starts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[build]"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
dist/annotator/annotator-cli --version
du -sh dist/annotator
