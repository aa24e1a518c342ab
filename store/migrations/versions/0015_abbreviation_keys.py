"""the matching index also holds a Chinese name's abbreviation keys (浦发 for 上海浦东发展银行)

Revision ID: 0015_abbreviation_keys
Revises: 0014_inbox
Create Date: 2026-12-03 14:00:00
"""
from __future__ import annotations

from alembic import op

from store.match_index import rebuild

revision = '0015_abbreviation_keys'
down_revision = '0014_inbox'
branch_labels = None
depends_on = None


def upgrade() -> None:
    rebuild(op.get_bind())  # every customer's keys, by the rules of this revision


def downgrade() -> None:
    pass  # the extra keys find nothing the older code looks up, and cost nothing there
