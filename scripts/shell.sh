#!/usr/bin/env bash
# Start the bot in this terminal on SQLite (crm.db here), no Slack account needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/python -m bot shell "$@"
