#!/usr/bin/env bash
# Studio Booker: set everything up on first use, then open the app (or run a command).
#   ./run.sh                      open the desktop app on the default SQLite database
#   ./run.sh demo                 any studio-booker command; arguments are passed on
#   xvfb-run ./run.sh             on a machine without a display
# Works on a fresh Debian 12 as root (installs what it needs) or as a user with sudo.
# A second run reuses .venv and starts in seconds.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages: Python, Qt's libraries (offscreen, X11, Wayland, CUPS printers), the CJK
# font for sheets, poppler (pdftotext/pdftoppm, used by the tests) and Xvfb (a virtual display).
APT_PACKAGES=(
  python3 python3-venv python3-pip ca-certificates git
  libegl1 libgl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxkbcommon-x11-0 libwayland-cursor0 libwayland-egl1 libcups2
  fonts-wqy-microhei poppler-utils xvfb xauth desktop-file-utils
)

say() { printf 'run.sh: %s\n' "$*" >&2; }

missing_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || printf '%s ' "$p"
  done
}

install_system_packages() {
  local missing
  missing=$(missing_packages)
  [ -z "$missing" ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    say "not a Debian-like system: install these yourself, then run again: $missing"
    return 0
  fi
  local sudo="" line="apt-get update && apt-get install -y --no-install-recommends ${missing% }"
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { say "system packages are missing; as root run:  $line"; exit 1; }
    sudo="sudo"
  fi
  say "installing system packages${sudo:+ with sudo}: $missing"
  # shellcheck disable=SC2086
  { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing; } ||
    { say "could not install system packages; as root run:  $line"; exit 1; }
}

pick_python() {
  local py
  for py in python3.11 python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null 2>&1 \
      && "$py" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$py"
      return 0
    fi
  done
  return 1
}

setup_venv() {
  local stamp=.venv/.studio-booker-setup
  local want
  want=$(cat pyproject.toml constraints.txt run.sh | sha256sum | cut -d' ' -f1)
  if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  local py
  py=$(pick_python) || { say "no Python 3.11 or newer with venv found"; exit 1; }
  [ -x .venv/bin/python ] || { say "creating .venv with $py"; "$py" -m venv .venv; }
  say "installing pinned Python dependencies into .venv"
  # PIP_CONSTRAINT also pins pip's isolated build environment; hatchling goes into .venv
  # because the packaging test builds a wheel with --no-build-isolation.
  PIP_CONSTRAINT="$PWD/constraints.txt" .venv/bin/python -m pip install -q -e '.[test]' hatchling
  echo "$want" > "$stamp"
}

install_system_packages
setup_venv
# the window's and the messages' languages: .ts sources compiled to .qm (not committed)
.venv/bin/pyside6-lrelease -silent resources/i18n/*.ts

[ "${STUDIO_BOOKER_SETUP_ONLY:-0}" = "1" ] && exit 0
exec .venv/bin/studio-booker "$@"
