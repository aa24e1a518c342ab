#!/usr/bin/env bash
# After changing a message: extract every message, merge the new ones into each language's
# .po (translate them there; tests/handlers/test_catalog.py fails until they are), compile.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pybabel extract -F babel.cfg --no-default-keywords -k N_ -k tr:2 -k trn:2,3 \
  --no-location --project crm-bot -o bot/locale/messages.pot .
.venv/bin/pybabel update -i bot/locale/messages.pot -d bot/locale -D messages --width 100 \
  --ignore-obsolete
.venv/bin/pybabel compile -d bot/locale -D messages --statistics
