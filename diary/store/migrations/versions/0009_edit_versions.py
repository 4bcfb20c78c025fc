"""Optimistic concurrency: a version on people, appointments and contact notes, counted up by every save.

Revision ID: 0009
Revises: 0008

Two officers (or two windows) editing one record at once: each save says which version it started from,
and a save from an older version is refused and told what changed instead of writing over it.
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

VERSIONED = ("person", "appointment", "contact_note")


def upgrade() -> None:
    """Apply this revision."""
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    """Revert this revision."""
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
