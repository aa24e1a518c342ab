"""an index on tasks by owner and due time, for the figures' tasks due in a period

Revision ID: 0023_figures_tasks_owner_due
Revises: 0022_aftersale_shares_again
Create Date: 2026-12-04 18:45:00
"""
from __future__ import annotations

from alembic import op

revision = '0023_figures_tasks_owner_due'
down_revision = '0022_aftersale_shares_again'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_tasks_owner_due', 'tasks', ['workspace_id', 'owner_id', 'due_at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_tasks_owner_due', table_name='tasks')
