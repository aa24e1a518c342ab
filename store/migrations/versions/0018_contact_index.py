"""a customer's logs by when the contact happened: its newest contact in one index probe

Revision ID: 0018_contact_index
Revises: 0017_prune_sent
Create Date: 2026-12-04 16:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0018_contact_index'
down_revision = '0017_prune_sent'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_follow_ups_contact', 'follow_ups',
                    ['customer_id', 'status', sa.text('coalesce(happened_at, created_at)'), 'id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_follow_ups_contact', table_name='follow_ups')
