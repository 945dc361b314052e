#!/usr/bin/env bash
# Install the Debian packages Qt needs on Linux, and PostgreSQL for the team-database tests
# (tests/pgcluster.py starts a throwaway cluster from /usr/lib/postgresql/<version>/bin).
# Skipped where they are present, or where there is no apt-get: macOS and Windows need
# nothing extra, and there the team-database tests say PostgreSQL is missing and skip.
set -euo pipefail
PACKAGES=(
  libegl1 libgl1 libopengl0 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
  libxcb-xkb1 libxcb-xfixes0 libx11-xcb1
)
# the server (initdb, pg_ctl) and the 'postgres' user the tests run it as under root
TEAM_PACKAGES=(postgresql)
command -v apt-get >/dev/null 2>&1 || exit 0
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
team_missing=()
for p in "${TEAM_PACKAGES[@]}"; do installed "$p" || team_missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && [ ${#team_missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Qt's system libraries: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ ${#team_missing[@]} -gt 0 ]; then
  echo "Installing PostgreSQL for the team-database tests: ${team_missing[*]}"
  # the package's own cluster is not needed (the tests start one of their own), and where
  # it cannot be installed those tests are skipped with the reason, so this never fails CI
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${team_missing[@]}" \
    || echo "warning: PostgreSQL could not be installed; the team-database tests will be skipped."
fi
