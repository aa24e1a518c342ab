"""the logs still asking "which customer?", by author: the morning question of reps in no team

Revision ID: 0016_waiting_index
Revises: 0015_abbreviation_keys
Create Date: 2026-12-03 19:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016_waiting_index'
down_revision = '0015_abbreviation_keys'
branch_labels = None
depends_on = None

_WAITING = sa.text("status = 'needs_customer'")


def upgrade() -> None:
    op.create_index('ix_follow_ups_waiting', 'follow_ups', ['workspace_id', 'author_id'],
                    unique=False, sqlite_where=_WAITING, postgresql_where=_WAITING)


def downgrade() -> None:
    op.drop_index('ix_follow_ups_waiting', table_name='follow_ups')
