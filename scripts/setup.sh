#!/usr/bin/env bash
# Create ./.venv and install newsledger with its pinned dependencies (idempotent).
# NEWSLEDGER_VENV_READY=1: the .venv is already set up (e.g. tests that run the README's
# commands in a fresh clone, with the checkout's .venv linked in): install nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${NEWSLEDGER_VENV_READY:-}" = 1 ] && [ -x .venv/bin/python ]; then
  exit 0
fi
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[test]"
