"""the inbox: requests stored before Slack is answered and done by a worker after it

Revision ID: 0014_inbox
Revises: 0013_pool
Create Date: 2026-12-03 13:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014_inbox'
down_revision = '0013_pool'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'inbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workspace_id', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('source_key', sa.String(length=200), nullable=False),
        sa.Column('user_id', sa.String(length=32), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('workspace_id', 'kind', 'source_key'),
    )
    op.create_index('ix_inbox_received', 'inbox', ['created_at'], unique=False,
                    sqlite_where=sa.text("status = 'received'"),
                    postgresql_where=sa.text("status = 'received'"))


def downgrade() -> None:
    op.drop_index('ix_inbox_received', table_name='inbox',
                  sqlite_where=sa.text("status = 'received'"),
                  postgresql_where=sa.text("status = 'received'"))
    op.drop_table('inbox')
