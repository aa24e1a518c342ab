"""put on each customer's list, once more, whoever logged on it since 0013_pool and is not on it

0013_pool copied the derived sharing into the lists; until the permission checks read the
lists (and an attached log put its author on one), a teammate's log put nobody on a list. This
fills that gap the way an attached log does now (bot/services/customers/access.note_worker):
the author of a recorded log on a customer goes on its list as shared ("logged"), in its
history too, unless the customer is pooled or they were taken off it (reassigned or returned
from them, unshared) after that log.

Revision ID: 0022_aftersale_shares_again
Revises: 0021_aftersale_care_replaced
Create Date: 2026-12-04 18:50:00
"""
from __future__ import annotations

from alembic import op

revision = '0022_aftersale_shares_again'
down_revision = '0021_aftersale_care_replaced'
branch_labels = None
depends_on = None

# Each log that would put its author on the list today, per customer and author: the first.
MISSING = """
SELECT c.workspace_id AS workspace_id, c.id AS customer_id, f.author_id AS user_id,
       MIN(f.created_at) AS at
FROM follow_ups f
JOIN customers c ON c.id = f.customer_id AND c.workspace_id = f.workspace_id
WHERE f.status = 'recorded'
  AND NOT EXISTS (SELECT 1 FROM customer_people p
                  WHERE p.customer_id = c.id AND p.user_id = f.author_id)
  AND NOT EXISTS (SELECT 1 FROM pool_states s
                  WHERE s.customer_id = c.id AND s.in_pool_since IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM ownership_events e
                  WHERE e.customer_id = c.id AND e.from_user = f.author_id
                    AND e.kind IN ('reassign', 'return', 'unshare') AND e.at >= f.created_at)
GROUP BY c.workspace_id, c.id, f.author_id
"""


def upgrade() -> None:
    # The history first: the list's rows would hide the very logs that name them.
    op.execute(f"""
INSERT INTO ownership_events (workspace_id, customer_id, kind, to_user, actor, at, reason)
SELECT m.workspace_id, m.customer_id, 'share', m.user_id, 'bot', m.at, 'logged'
FROM ({MISSING}) m
""")
    op.execute(f"""
INSERT INTO customer_people (workspace_id, customer_id, user_id, role, since, why, added_by)
SELECT m.workspace_id, m.customer_id, m.user_id, 'shared', m.at, 'logged', 'bot'
FROM ({MISSING}) m
""")


def downgrade() -> None:
    pass  # the people it put on lists stay there, as a share would
