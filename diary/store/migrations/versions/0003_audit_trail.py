"""Audit trail: an append-only, hash-chained history of changes to people, appointments, notes and enforcement actions.

Revision ID: 0003
Revises: 0002

(Numbered 0002 when it was planned; 0003 landed first, so 0002 follows it: a diary already at
0003 upgrades without anything being re-chained.)
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

APPEND_ONLY = "the audit trail is append-only"
ONLY_REDACTION = (
    "NEW.before IS NULL AND NEW.after IS NULL AND OLD.redacted_at IS NULL "
    "AND NEW.redacted_at IS NOT NULL AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.who = OLD.who "
    "AND NEW.action = OLD.action AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id "
    "AND NEW.person_id IS{same} OLD.person_id AND NEW.content_hash = OLD.content_hash "
    "AND NEW.chain_hash = OLD.chain_hash"
)
"""The one update allowed: erasing a person's recorded values (SQLite says IS, PostgreSQL IS NOT DISTINCT FROM)."""


def upgrade() -> None:
    """Apply this revision."""
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('who', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('chain_hash', sa.String(length=64), nullable=False),
    sa.Column('redacted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_entity', ['entity', 'entity_id'], unique=False)
        batch_op.create_index('ix_audit_event_person_id', ['person_id'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
        return
    op.execute(
        "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
        f"WHEN NOT ({ONLY_REDACTION.format(same='')}) "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
    )


def _postgresql_triggers() -> None:
    """The same two refusals on PostgreSQL: one trigger function, raised for deletes and non-redacting updates."""
    op.execute(
        "CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP = 'DELETE' OR NOT ({ONLY_REDACTION.format(same=' NOT DISTINCT FROM')}) THEN "
        f"RAISE EXCEPTION '{APPEND_ONLY}'; END IF; RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()"
    )
    op.execute(
        "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()"
    )


def downgrade() -> None:
    """Revert this revision."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update ON audit_event")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_delete ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS audit_event_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_person_id')
        batch_op.drop_index('ix_audit_event_entity')

    op.drop_table('audit_event')
