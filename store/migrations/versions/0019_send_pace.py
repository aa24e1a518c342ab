"""Slack's pace shared by every copy of the bot that sends (CRM_PACING=shared)

Revision ID: 0019_send_pace
Revises: 0018_contact_index
Create Date: 2026-12-04 16:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0019_send_pace'
down_revision = '0018_contact_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'send_pace',
        sa.Column('key', sa.String(length=300), nullable=False),
        sa.Column('tat', sa.Float(), nullable=False),
        sa.Column('blocked_until', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('key'),
    )


def downgrade() -> None:
    op.drop_table('send_pace')
