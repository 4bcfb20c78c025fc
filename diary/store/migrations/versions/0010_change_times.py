"""When a booking or commitment last changed (`updated_at`), and a change count on commitments (`version`).

Revision ID: 0010
Revises: 0009

The calendar export writes them as LAST-MODIFIED and SEQUENCE (a booking's SEQUENCE is the `version`
revision 0009 gave appointments), so a calendar that imported an earlier export takes a move, a
cancellation or a skipped date. Existing rows have no time of change (it was never recorded) and
commitments start at version 1. Downgrading drops the three columns.
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.drop_column('updated_at')
        batch_op.drop_column('version')
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_column('updated_at')
