#!/usr/bin/env bash
# Install annotator into .venv and open the window on the bundled sample project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
exec .venv/bin/annotator "$@"
