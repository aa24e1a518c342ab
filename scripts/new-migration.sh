#!/usr/bin/env bash
# Write a new Alembic migration from the models: scripts/new-migration.sh "what changed"
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
.venv/bin/python - "$tmp/ref.db" "$1" <<'PY'
import sys
from alembic import command
from store.engine import make_engine
from store.migrate import alembic_config, upgrade
engine = make_engine(f"sqlite:///{sys.argv[1]}")
upgrade(engine)
command.revision(alembic_config(engine), message=sys.argv[2], autogenerate=True)
PY
# Our UtcDateTime is a plain zone-aware DateTime in the database.
sed -i 's/store\.models\.UtcDateTime(timezone=True)/sa.DateTime(timezone=True)/g; /^import store\.models$/d; /^import store\.crypto$/d; s/store\.crypto\.EncryptedText([^)]*)/sa.Text()/g' store/migrations/versions/*.py
rm -rf "$tmp"
.venv/bin/ruff check --fix -q store/migrations/versions/
