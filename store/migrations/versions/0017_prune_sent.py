"""an index on when each sent message went out, so the tick can delete old ones a batch at a time

Revision ID: 0017_prune_sent
Revises: 0016_waiting_index
Create Date: 2026-12-03 19:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0017_prune_sent'
down_revision = '0016_waiting_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_notifications_sent', 'notifications', ['sent_at'], unique=False,
                    sqlite_where=sa.text("status = 'sent'"),
                    postgresql_where=sa.text("status = 'sent'"))


def downgrade() -> None:
    op.drop_index('ix_notifications_sent', table_name='notifications',
                  sqlite_where=sa.text("status = 'sent'"),
                  postgresql_where=sa.text("status = 'sent'"))
