#!/usr/bin/env bash
# The whole test suite: lint, types, layering, then every test on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
echo "== ruff"; .venv/bin/ruff check .
echo "== mypy --strict (bot, store)"; .venv/bin/mypy
echo "== import layers"; .venv/bin/lint-imports
# Most of the suite's time is spent waiting (on subprocesses, sockets, a paced fake Slack),
# not computing: three workers on two cores finish it in about half the time.
echo "== pytest"; .venv/bin/python -m pytest -n "${CRM_TEST_WORKERS:-3}" "$@"
