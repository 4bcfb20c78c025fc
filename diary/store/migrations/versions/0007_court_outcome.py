"""The court's outcome on a breach, and requirements the court adds: enforcement_action.court_outcome and .court,
requirement.added_on.

Revision ID: 0007
Revises: 0006

A concluded breach (action `breach_concluded`, dated the hearing) now says what the court decided
(continued, continued with an added or changed requirement, fine, revoked and resentenced, custody) and which
court. A requirement the court adds to a running order keeps the hearing's date and is counted from then on.
Existing rows keep nulls: an older concluded breach shows as "the court's outcome is recorded", and every
existing requirement counts from the order's start as before. Downgrading drops the three columns.
"""

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.add_column('enforcement_action', sa.Column('court_outcome', sa.String(length=32), nullable=True))
    op.add_column('enforcement_action', sa.Column('court', sa.String(length=200), nullable=True))
    op.add_column('requirement', sa.Column('added_on', sa.Date(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('requirement', schema=None) as batch_op:
        batch_op.drop_column('added_on')
    with op.batch_alter_table('enforcement_action', schema=None) as batch_op:
        batch_op.drop_column('court')
        batch_op.drop_column('court_outcome')
