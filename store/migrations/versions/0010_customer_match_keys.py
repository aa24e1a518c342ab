"""the customer matching index: the keys a log's words find customers and contacts by

Revision ID: 0010_match_keys
Revises: 0009_offered
Create Date: 2026-12-03 10:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from store.match_index import rebuild

revision = '0010_match_keys'
down_revision = '0009_offered'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'customer_match_keys',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workspace_id', sa.String(length=32), nullable=False),
        sa.Column('key', sa.String(length=220), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('label', sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_customer_match_keys_lookup', 'customer_match_keys',
                    ['workspace_id', 'key', 'customer_id'], unique=False)
    op.create_index(op.f('ix_customer_match_keys_customer_id'), 'customer_match_keys',
                    ['customer_id'], unique=False)
    rebuild(op.get_bind())  # the customers already there


def downgrade() -> None:
    op.drop_index(op.f('ix_customer_match_keys_customer_id'), table_name='customer_match_keys')
    op.drop_index('ix_customer_match_keys_lookup', table_name='customer_match_keys')
    op.drop_table('customer_match_keys')
