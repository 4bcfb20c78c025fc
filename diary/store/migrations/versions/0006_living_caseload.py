"""A living caseload: release dates by kind, case events, the history of changes, requirement periods.

Revision ID: 0006
Revises: 0005

New tables: release_date (a prisoner's dates by kind, a replaced date kept beside its successor), case_event
(released, recalled, completed, terminated, revoked, transferred out or in) and person_change (each change to
a person's details or requirements with who, when, from what to what and why). New columns: person.release_kind
(which kind of date person.release_date is) and person.case_closed_on (the day supervision here ended);
sentence_order.length_months (the court's length); requirement.until and requirement.daily_hours (a curfew's
hours a day, the last day of a curfew, exclusion or other requirement with its own period). Existing rows are
left as they are: every new column starts empty. Downgrading drops the new tables and columns.
"""

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('release_kind', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('case_closed_on', sa.Date(), nullable=True))
    with op.batch_alter_table('sentence_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('length_months', sa.Integer(), nullable=True))
    with op.batch_alter_table('requirement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('daily_hours', sa.Integer(), nullable=True))
    op.create_table('release_date',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('replaced_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_release_date_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_release_date'))
    )
    with op.batch_alter_table('release_date', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_release_date_person_id'), ['person_id'], unique=False)
    op.create_table('case_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('counterpart', sa.String(length=200), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('bookings', sa.String(length=16), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['sentence_order.id'], name=op.f('fk_case_event_order_id_sentence_order'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_case_event_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_event'))
    )
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_event_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_event_person_id'), ['person_id'], unique=False)
    op.create_table('person_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('who', sa.String(length=200), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('significant', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_person_change_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_change'))
    )
    with op.batch_alter_table('person_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_change_person_id'), ['person_id'], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('person_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_change_person_id'))
    op.drop_table('person_change')
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_event_person_id'))
        batch_op.drop_index(batch_op.f('ix_case_event_order_id'))
    op.drop_table('case_event')
    with op.batch_alter_table('release_date', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_release_date_person_id'))
    op.drop_table('release_date')
    with op.batch_alter_table('requirement', schema=None) as batch_op:
        batch_op.drop_column('daily_hours')
        batch_op.drop_column('until')
    with op.batch_alter_table('sentence_order', schema=None) as batch_op:
        batch_op.drop_column('length_months')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('case_closed_on')
        batch_op.drop_column('release_kind')
