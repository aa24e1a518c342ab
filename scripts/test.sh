#!/usr/bin/env bash
# The whole test suite: lint, types, layering, then every test on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
echo "== ruff"; .venv/bin/ruff check .
echo "== mypy --strict (bot, store)"; .venv/bin/mypy
echo "== import layers"; .venv/bin/lint-imports
echo "== pytest"; .venv/bin/python -m pytest "$@"
