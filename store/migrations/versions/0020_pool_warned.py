"""an index on the prospects warned and not yet returned, per team, for the lead's morning digest

Revision ID: 0020_pool_warned
Revises: 0019_send_pace
Create Date: 2026-12-04 16:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0020_pool_warned'
down_revision = '0019_send_pace'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_pool_states_warned', 'pool_states', ['team', 'protected_until'],
                    unique=False, sqlite_where=sa.text("warned_at IS NOT NULL"),
                    postgresql_where=sa.text("warned_at IS NOT NULL"))


def downgrade() -> None:
    op.drop_index('ix_pool_states_warned', table_name='pool_states',
                  sqlite_where=sa.text("warned_at IS NOT NULL"),
                  postgresql_where=sa.text("warned_at IS NOT NULL"))
