"""Indexes for what the views ask at start: bookings without an outcome or awaiting evidence, notes by date, notes
not yet entered nationally.

Revision ID: 0004
Revises: 0003

Without them, Today's "outcomes to record" and "what's due", the national record queue and My time read every
appointment or note ever written: seconds in a career's diary. Partial indexes keep only the few rows those
lists want (a query uses one only when it names the same condition, written out as here).
"""

from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.execute("CREATE INDEX ix_appointment_unrecorded ON appointment (start) WHERE outcome IS NULL")
    op.execute("CREATE INDEX ix_appointment_awaiting_evidence ON appointment (start) WHERE outcome = 'AFTA'")
    op.execute("CREATE INDEX ix_contact_note_at ON contact_note (at)")
    op.execute("CREATE INDEX ix_contact_note_unentered ON contact_note (at) WHERE entered_nationally_at IS NULL")


def downgrade() -> None:
    """Revert this revision."""
    op.execute("DROP INDEX ix_contact_note_unentered")
    op.execute("DROP INDEX ix_contact_note_at")
    op.execute("DROP INDEX ix_appointment_awaiting_evidence")
    op.execute("DROP INDEX ix_appointment_unrecorded")
