#!/usr/bin/env bash
# Create .venv (once) and install the project with its test tools into it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
# Re-install only when the project's requirements changed since the last install.
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q -e '.[test]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi
# The message catalogs are compiled here, so a fresh checkout speaks every language it has.
compiled=$(.venv/bin/pybabel compile -d bot/locale -D messages 2>&1) || { echo "$compiled"; exit 1; }
