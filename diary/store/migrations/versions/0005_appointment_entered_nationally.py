"""When a recorded session was entered in the national record: appointment.entered_nationally_at.

Revision ID: 0005
Revises: 0004

Until now a session's "entered nationally" tick lived in the setting `national_queue.sessions_entered`
and only sessions from the last `national_queue.session_window_days` days (14 unless set) were queued.
The upgrade moves each tick into the new column, keeping when it was ticked. Every recorded session
that started before that window (14 days before the upgrade, unless set otherwise) counts as entered,
stamped with its own start, so years of history do not flood the queue; recorded sessions inside the
window and not ticked stay queued. Both settings are then deleted. Downgrading drops the column and its
index; the ticks are not put back into the setting.
"""

import json
from datetime import datetime, timedelta

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

SESSIONS_ENTERED = "national_queue.sessions_entered"
SESSION_WINDOW = "national_queue.session_window_days"
DEFAULT_WINDOW_DAYS = 14

appointment = sa.table(
    "appointment",
    sa.column("id", sa.Integer()),
    sa.column("start", sa.DateTime()),
    sa.column("outcome", sa.String()),
    sa.column("entered_nationally_at", sa.DateTime()),
)
setting = sa.table("setting", sa.column("key", sa.String()), sa.column("value", sa.Text()))


def upgrade() -> None:
    """Apply this revision."""
    op.add_column('appointment', sa.Column('entered_nationally_at', sa.DateTime(), nullable=True))
    op.execute(
        "CREATE INDEX ix_appointment_unentered ON appointment (start) "
        "WHERE outcome IS NOT NULL AND entered_nationally_at IS NULL"
    )
    conn = op.get_bind()
    stored = dict(conn.execute(sa.select(setting.c.key, setting.c.value).where(
        setting.c.key.in_((SESSIONS_ENTERED, SESSION_WINDOW))
    )).all())
    ticks: dict[str, str] = json.loads(stored[SESSIONS_ENTERED]) if SESSIONS_ENTERED in stored else {}
    for appointment_id, ticked in ticks.items():
        conn.execute(
            appointment.update()
            .where(appointment.c.id == int(appointment_id))
            .values(entered_nationally_at=datetime.fromisoformat(ticked))
        )
    window = json.loads(stored[SESSION_WINDOW]) if SESSION_WINDOW in stored else DEFAULT_WINDOW_DAYS
    conn.execute(
        appointment.update()
        .where(
            appointment.c.outcome.is_not(None),
            appointment.c.entered_nationally_at.is_(None),
            appointment.c.start < datetime.now() - timedelta(days=int(window)),
        )
        .values(entered_nationally_at=appointment.c.start)
    )
    conn.execute(setting.delete().where(setting.c.key.in_((SESSIONS_ENTERED, SESSION_WINDOW))))


def downgrade() -> None:
    """Revert this revision."""
    op.execute("DROP INDEX ix_appointment_unentered")
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_column('entered_nationally_at')
