"""the values a key date had before a log corrected it, so an Undo of that log restores them

Revision ID: 0021_aftersale_care_replaced
Revises: 0020_pool_warned
Create Date: 2026-12-04 18:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0021_aftersale_care_replaced'
down_revision = '0020_pool_warned'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('care_dates', sa.Column('replaced', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('care_dates') as batch:
        batch.drop_column('replaced')
