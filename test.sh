#!/usr/bin/env bash
# Set up like ./run.sh, then run the whole test suite headless (Qt offscreen).
#   ./test.sh                 lint + every test
#   ./test.sh tests/domain    pytest arguments are passed on
#   ./test.sh --bench         the benchmarks instead (figures printed, nothing asserted)
set -euo pipefail
cd "$(dirname "$0")"
STUDIO_BOOKER_SETUP_ONLY=1 ./run.sh

export QT_QPA_PLATFORM=offscreen
if [ "${1:-}" = "--bench" ]; then
  shift
  exec .venv/bin/python benchmarks/run_all.py "$@"
fi
echo "== ruff"
.venv/bin/ruff check .   # every Python file in the repository (.venv and .gitignore excluded)
echo "== mypy"
.venv/bin/mypy studio_booker
echo "== pytest"
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
