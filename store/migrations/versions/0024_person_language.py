"""a person's Slack locale and chosen language

Revision ID: 0024_person_language
Revises: 0023_figures_tasks_owner_due
Create Date: 2026-12-04 19:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0024_person_language'
down_revision = '0023_figures_tasks_owner_due'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('people') as batch:
        batch.add_column(sa.Column('locale', sa.String(length=16), nullable=True))
        batch.add_column(sa.Column('language', sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('people') as batch:
        batch.drop_column('language')
        batch.drop_column('locale')
