"""Initial schema: people, orders, requirements, appointments, notes, commitments, documents.

Revision ID: 0001
Revises: (none)
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table('commitment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('start', sa.DateTime(), nullable=False),
    sa.Column('end', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('every_weeks', sa.Integer(), nullable=True),
    sa.Column('repeat_until', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitment'))
    )
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.create_index('ix_commitment_start', ['start'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('crn', sa.String(length=16), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('pnc', sa.String(length=32), nullable=True),
    sa.Column('risk_level', sa.String(length=16), nullable=True),
    sa.Column('tier', sa.String(length=8), nullable=True),
    sa.Column('mappa_category', sa.Integer(), nullable=True),
    sa.Column('mappa_level', sa.Integer(), nullable=True),
    sa.Column('mappa_review_date', sa.Date(), nullable=True),
    sa.Column('phone', sa.String(length=64), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('flags', sa.Text(), nullable=True),
    sa.Column('custody_prison', sa.String(length=100), nullable=True),
    sa.Column('release_date', sa.Date(), nullable=True),
    sa.Column('sentence_date', sa.Date(), nullable=True),
    sa.Column('licence_expiry', sa.Date(), nullable=True),
    sa.Column('sentence_expiry', sa.Date(), nullable=True),
    sa.Column('pss_end', sa.Date(), nullable=True),
    sa.Column('reporting_frequency_days', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sa.UniqueConstraint('crn', name=op.f('uq_person_crn'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('alias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_alias_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alias'))
    )
    with op.batch_alter_table('alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alias_person_id'), ['person_id'], unique=False)

    op.create_table('commitment_exception',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitment.id'], name=op.f('fk_commitment_exception_commitment_id_commitment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitment_exception')),
    sa.UniqueConstraint('commitment_id', 'date', name=op.f('uq_commitment_exception_commitment_id'))
    )
    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=True),
    sa.Column('doc_date', sa.Date(), nullable=True),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('original_name', sa.String(length=260), nullable=True),
    sa.Column('media_type', sa.String(length=100), nullable=True),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_document_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_document_stored_name'))
    )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_person_id'), ['person_id'], unique=False)

    op.create_table('personal_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('relationship', sa.String(length=100), nullable=True),
    sa.Column('phone', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_personal_contact_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_personal_contact'))
    )
    with op.batch_alter_table('personal_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_personal_contact_person_id'), ['person_id'], unique=False)

    op.create_table('sentence_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('court', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_sentence_order_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sentence_order')),
    sa.UniqueConstraint('person_id', 'ref', name=op.f('uq_sentence_order_person_id'))
    )
    with op.batch_alter_table('sentence_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sentence_order_person_id'), ['person_id'], unique=False)

    op.create_table('enforcement_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['sentence_order.id'], name=op.f('fk_enforcement_action_order_id_sentence_order'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enforcement_action'))
    )
    with op.batch_alter_table('enforcement_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enforcement_action_order_id'), ['order_id'], unique=False)

    op.create_table('requirement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('max_days', sa.Integer(), nullable=True),
    sa.Column('hours', sa.Integer(), nullable=True),
    sa.Column('sessions', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['sentence_order.id'], name=op.f('fk_requirement_order_id_sentence_order'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requirement')),
    sa.UniqueConstraint('order_id', 'ref', name=op.f('uq_requirement_order_id'))
    )
    with op.batch_alter_table('requirement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirement_order_id'), ['order_id'], unique=False)

    op.create_table('appointment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('requirement_id', sa.Integer(), nullable=True),
    sa.Column('start', sa.DateTime(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('rar_activity', sa.Boolean(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('evidence_due', sa.Date(), nullable=True),
    sa.Column('hours_credited', sa.Float(), nullable=True),
    sa.Column('minutes_spent', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('rescheduled_by', sa.String(length=16), nullable=True),
    sa.Column('reschedule_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['sentence_order.id'], name=op.f('fk_appointment_order_id_sentence_order'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_appointment_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requirement_id'], ['requirement.id'], name=op.f('fk_appointment_requirement_id_requirement'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment'))
    )
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_order_id'), ['order_id'], unique=False)
        batch_op.create_index('ix_appointment_person_start', ['person_id', 'start'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointment_requirement_id'), ['requirement_id'], unique=False)
        batch_op.create_index('ix_appointment_start', ['start'], unique=False)

    op.create_table('contact_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sensitive', sa.Boolean(), nullable=False),
    sa.Column('minutes_spent', sa.Integer(), nullable=True),
    sa.Column('entered_nationally_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_contact_note_appointment_id_appointment'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_contact_note_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_note'))
    )
    with op.batch_alter_table('contact_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_note_appointment_id'), ['appointment_id'], unique=False)
        batch_op.create_index('ix_contact_note_person_at', ['person_id', 'at'], unique=False)

    op.create_table('note_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('note_id', sa.Integer(), nullable=True),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('replaced_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_note_version_appointment_id_appointment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['note_id'], ['contact_note.id'], name=op.f('fk_note_version_note_id_contact_note'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_note_version'))
    )
    with op.batch_alter_table('note_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_note_version_appointment_id'), ['appointment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_note_version_note_id'), ['note_id'], unique=False)



def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('note_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_note_version_note_id'))
        batch_op.drop_index(batch_op.f('ix_note_version_appointment_id'))

    op.drop_table('note_version')
    with op.batch_alter_table('contact_note', schema=None) as batch_op:
        batch_op.drop_index('ix_contact_note_person_at')
        batch_op.drop_index(batch_op.f('ix_contact_note_appointment_id'))

    op.drop_table('contact_note')
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_index('ix_appointment_start')
        batch_op.drop_index(batch_op.f('ix_appointment_requirement_id'))
        batch_op.drop_index('ix_appointment_person_start')
        batch_op.drop_index(batch_op.f('ix_appointment_order_id'))

    op.drop_table('appointment')
    with op.batch_alter_table('requirement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requirement_order_id'))

    op.drop_table('requirement')
    with op.batch_alter_table('enforcement_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enforcement_action_order_id'))

    op.drop_table('enforcement_action')
    with op.batch_alter_table('sentence_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sentence_order_person_id'))

    op.drop_table('sentence_order')
    with op.batch_alter_table('personal_contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_personal_contact_person_id'))

    op.drop_table('personal_contact')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_person_id'))

    op.drop_table('document')
    op.drop_table('commitment_exception')
    with op.batch_alter_table('alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alias_person_id'))

    op.drop_table('alias')
    op.drop_table('setting')
    op.drop_table('person')
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.drop_index('ix_commitment_start')

    op.drop_table('commitment')
