"""a partial index for the tick's pruning of what corrected key dates replaced

Revision ID: 0027_care_prune
Revises: 0024_person_language
Create Date: 2026-12-05 10:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0027_care_prune'
down_revision = '0024_person_language'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rows whose history was emptied as JSON null (an Undo) count as having none.
    op.execute("UPDATE care_dates SET replaced = NULL WHERE CAST(replaced AS TEXT) = 'null'")
    with op.batch_alter_table('care_dates') as batch_op:
        batch_op.create_index('ix_care_dates_replaced', ['updated_at'], unique=False,
                              sqlite_where=sa.text('replaced IS NOT NULL'),
                              postgresql_where=sa.text('replaced IS NOT NULL'))


def downgrade() -> None:
    with op.batch_alter_table('care_dates') as batch_op:
        batch_op.drop_index('ix_care_dates_replaced', sqlite_where=sa.text('replaced IS NOT NULL'),
                            postgresql_where=sa.text('replaced IS NOT NULL'))
