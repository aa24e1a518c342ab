#!/usr/bin/env bash
# After changing a message: extract every message, merge the new ones into each language's
# .po (translate them there; tests/handlers/test_catalog.py fails until they are), compile.
set -euo pipefail
cd "$(dirname "$0")/.."
# The keywords are bot/catalog.py's functions (a "c" marks the argument that is the context);
# tests/handlers/test_catalog.py extracts with the same ones (KEYWORDS).
.venv/bin/pybabel extract -F babel.cfg --no-default-keywords -k N_ -k Np_:1c,2 -k tr:2 \
  -k trp:2c,3 -k trn:2,3 -k trnp:2c,3,4 \
  --no-location --project crm-bot -o bot/locale/messages.pot .
.venv/bin/pybabel update -i bot/locale/messages.pot -d bot/locale -D messages --width 100 \
  --ignore-obsolete
.venv/bin/pybabel compile -d bot/locale -D messages --statistics
