"""every promise of a log its own task (tasks.step), when a contact happened, and a
zone set by its person

Revision ID: 0011_promises
Revises: 0010_match_keys
Create Date: 2026-12-03 10:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011_promises'
down_revision = '0010_match_keys'
branch_labels = None
depends_on = None

# SQLite's copy of the table names its one unnamed UNIQUE by this convention.
_NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _old_unique() -> str:
    # PostgreSQL named the unnamed UNIQUE(follow_up_id) of 0001 itself.
    return ("tasks_follow_up_id_key" if op.get_bind().dialect.name == "postgresql"
            else "uq_tasks_follow_up_id")


def upgrade() -> None:
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tz_set_by_user', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('happened_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('tasks', schema=None, naming_convention=_NAMING) as batch_op:
        batch_op.add_column(sa.Column('step', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.drop_constraint(_old_unique(), type_='unique')
        batch_op.create_unique_constraint('uq_tasks_follow_up_step', ['follow_up_id', 'step'])


def downgrade() -> None:
    op.execute("DELETE FROM tasks WHERE step > 0")
    with op.batch_alter_table('tasks', schema=None, naming_convention=_NAMING) as batch_op:
        batch_op.drop_constraint('uq_tasks_follow_up_step', type_='unique')
        batch_op.create_unique_constraint(_old_unique(), ['follow_up_id'])
        batch_op.drop_column('step')
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_column('happened_at')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('tz_set_by_user')
