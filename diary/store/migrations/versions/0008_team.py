"""The team diary: case owners, cover, the duty rota, reads of other officers' cases; on PostgreSQL, roles and
row-level security.

Revision ID: 0008
Revises: 0007

Every case row gets an owner (person, commitment, task; settings become one set per officer). In a local diary
the owner stays empty and nothing else changes. On a PostgreSQL server the owner defaults to the login role, and
the server itself decides who sees what (row-level security, the policies below): an officer their
own cases and those they cover today, the duty officer of the day the people booked that day (but no notes
marked sensitive), the senior everything, read-only. Reads of another officer's case are written to case_read.
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

OWNED = ("person", "commitment", "task", "setting")
OFFICERS = "diary_officer"
SENIORS = "diary_senior"
BY_PERSON = (
    "alias", "personal_contact", "sentence_order", "appointment", "document", "release_date", "case_event", "person_change",
)
"""Tables whose rows belong to a person's case, seen and written as the case is."""

FUNCTIONS = (
    # The senior: a member of diary_senior (read-only on every case).
    """CREATE FUNCTION diary_is_senior() RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT pg_has_role(session_user, 'diary_senior', 'MEMBER') $$""",
    # The people whose cases the officer covers today: all of the covered officer's, or those chosen.
    """CREATE FUNCTION diary_covered_people() RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    SELECT p.id FROM cover c JOIN person p ON p.owner = c.covered
    WHERE c.covering = session_user AND current_date BETWEEN c.starts AND c.ends
    AND (c.all_cases OR EXISTS (SELECT 1 FROM cover_case cc WHERE cc.cover_id = c.id AND cc.person_id = p.id)) $$""",
    # The people booked today, when the officer is today's duty officer.
    """CREATE FUNCTION diary_duty_people() RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    SELECT DISTINCT a.person_id FROM appointment a
    WHERE EXISTS (SELECT 1 FROM duty_day d WHERE d.day = current_date AND d.officer = session_user)
    AND a.start >= current_date AND a.start < current_date + 1 $$""",
    # The officer's own cases and those they cover today: the ones they may change.
    """CREATE FUNCTION diary_may_write(p_person integer) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM person p WHERE p.id = p_person AND p.owner = session_user)
        OR p_person IN (SELECT diary_covered_people()) $$""",
    # A read of another officer's case, written once a day per reader and case; always true, for policies.
    """CREATE FUNCTION diary_note_read(p_person integer, p_reason text) RETURNS boolean LANGUAGE plpgsql VOLATILE
    SECURITY DEFINER SET search_path = public, pg_temp AS $$ BEGIN
    INSERT INTO case_read (reader, person_id, day, reason, first_at)
    VALUES (session_user, p_person, current_date, p_reason, localtimestamp) ON CONFLICT DO NOTHING;
    RETURN true; END $$""",
    # The newest link of the audit chain, which every officer's new event follows (they see only their own).
    """CREATE FUNCTION diary_audit_tip() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS $$ SELECT chain_hash FROM audit_event ORDER BY id DESC LIMIT 1 $$""",
    # A case stays with its owner: only the database's owner (the team's administrator) moves it.
    """CREATE FUNCTION diary_owner_stays() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    IF NEW.owner IS DISTINCT FROM OLD.owner AND NOT pg_has_role(session_user, (SELECT tableowner FROM pg_tables
        WHERE schemaname = TG_TABLE_SCHEMA AND tablename = TG_TABLE_NAME), 'MEMBER') THEN
        RAISE EXCEPTION 'only the team''s administrator moves a case to another officer';
    END IF; RETURN NEW; END $$""",
)

VISIBLE_PERSON = "EXISTS (SELECT 1 FROM person p WHERE p.id = {table}.person_id)"
PERSON_READ = (
    "owner = current_user"
    " OR ((SELECT diary_is_senior()) AND diary_note_read(id, 'senior'))"
    " OR (id IN (SELECT diary_covered_people()) AND diary_note_read(id, 'cover'))"
    " OR (id IN (SELECT diary_duty_people()) AND diary_note_read(id, 'duty'))"
)
MAY_WRITE_PERSON = "owner = current_user OR id IN (SELECT diary_covered_people())"


def _policies() -> list[tuple[str, str, str, str | None]]:
    """(table, command, USING, WITH CHECK) for every policy."""
    rules: list[tuple[str, str, str, str | None]] = [
        ("person", "SELECT", PERSON_READ, None),
        ("person", "INSERT", None, "owner = current_user"),
        ("person", "UPDATE", MAY_WRITE_PERSON, MAY_WRITE_PERSON),
        ("person", "DELETE", "owner = current_user", None),
    ]
    for table in BY_PERSON:
        visible = VISIBLE_PERSON.format(table=table)
        writable = f"diary_may_write({table}.person_id)"
        rules += _crud(table, visible, writable)
    note_visible = VISIBLE_PERSON.format(table="contact_note")
    rules += _crud(
        "contact_note",
        f"{note_visible} AND (NOT sensitive OR diary_may_write(person_id) OR (SELECT diary_is_senior()))",
        "diary_may_write(contact_note.person_id)",
    )
    version_of = (
        "(note_id IS NOT NULL AND EXISTS (SELECT 1 FROM contact_note n WHERE n.id = note_version.note_id))"
        " OR (appointment_id IS NOT NULL AND EXISTS (SELECT 1 FROM appointment a WHERE a.id = note_version.appointment_id))"
    )
    rules += _crud("note_version", version_of, version_of)
    for table in ("requirement", "enforcement_action"):
        rules += _crud(
            table,
            f"EXISTS (SELECT 1 FROM sentence_order o WHERE o.id = {table}.order_id)",
            f"diary_may_write((SELECT o.person_id FROM sentence_order o WHERE o.id = {table}.order_id))",
        )
    rules += _crud("commitment", "owner = current_user OR (SELECT diary_is_senior())", "owner = current_user")
    rules += _crud(
        "commitment_exception",
        "EXISTS (SELECT 1 FROM commitment c WHERE c.id = commitment_exception.commitment_id)",
        "EXISTS (SELECT 1 FROM commitment c WHERE c.id = commitment_exception.commitment_id AND c.owner = current_user)",
    )
    rules += _crud(
        "task",
        f"owner = current_user OR (person_id IS NOT NULL AND {VISIBLE_PERSON.format(table='task')})",
        "owner = current_user OR (person_id IS NOT NULL AND diary_may_write(task.person_id))",
    )
    rules += _crud("setting", "owner = current_user", "owner = current_user")
    rules += [
        ("audit_event", "SELECT", f"who = current_user OR (SELECT diary_is_senior()) OR {VISIBLE_PERSON.format(table='audit_event')}", None),
        ("audit_event", "INSERT", None, "who = current_user"),
        ("audit_event", "UPDATE", "who = current_user", "who = current_user"),
        ("case_read", "SELECT",
         "reader = current_user OR (SELECT diary_is_senior()) OR EXISTS (SELECT 1 FROM person p WHERE p.id = case_read.person_id AND p.owner = current_user)",
         None),
    ]
    involved = "covering = current_user OR covered = current_user OR (SELECT diary_is_senior())"
    arranges = "covered = current_user OR (SELECT diary_is_senior())"
    rules += _crud("cover", involved, arranges)
    rules += _crud(
        "cover_case",
        "EXISTS (SELECT 1 FROM cover c WHERE c.id = cover_case.cover_id)",
        "EXISTS (SELECT 1 FROM cover c WHERE c.id = cover_case.cover_id AND (c.covered = current_user OR (SELECT diary_is_senior())))",
    )
    return rules


def _crud(table: str, visible: str, writable: str) -> list[tuple[str, str, str | None, str | None]]:
    """A table's four policies: read what is visible, write what is writable."""
    return [
        (table, "SELECT", visible, None),
        (table, "INSERT", None, writable),
        (table, "UPDATE", writable, writable),
        (table, "DELETE", writable, None),
    ]
OFFICER_WRITES = (
    "person", *BY_PERSON, "contact_note", "note_version", "requirement", "enforcement_action", "commitment",
    "commitment_exception", "task", "setting", "cover", "cover_case",
)
SENIOR_WRITES = ("cover", "cover_case", "duty_day", "setting")


def install_statements() -> list[str]:
    """Everything PostgreSQL needs for the team diary, in order."""
    statements = [
        "DO $$ BEGIN "
        f"IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OFFICERS}') THEN CREATE ROLE {OFFICERS} NOLOGIN; END IF; "
        f"IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{SENIORS}') THEN CREATE ROLE {SENIORS} NOLOGIN; END IF; "
        "END $$",
        *FUNCTIONS,
    ]
    for table in OWNED:
        statements.append(f"ALTER TABLE {table} ALTER COLUMN owner SET DEFAULT current_user")
    for table in ("person", "commitment", "task"):
        statements.append(
            f"CREATE TRIGGER {table}_owner_stays BEFORE UPDATE OF owner ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION diary_owner_stays()"
        )
    statements += [
        f"GRANT USAGE ON SCHEMA public TO {OFFICERS}, {SENIORS}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {OFFICERS}, {SENIORS}",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(OFFICER_WRITES)} TO {OFFICERS}",
        f"GRANT INSERT, UPDATE ON audit_event TO {OFFICERS}",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(SENIOR_WRITES)} TO {SENIORS}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {OFFICERS}, {SENIORS}",
    ]
    secured = sorted({table for table, *_ in _policies()})
    statements += [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY" for table in secured]
    for table, command, using, check in _policies():
        statement = f"CREATE POLICY {table}_{command.lower()} ON {table} FOR {command}"
        if using:
            statement += f" USING ({using})"
        if check:
            statement += f" WITH CHECK ({check})"
        statements.append(statement)
    return statements


def remove_statements() -> list[str]:
    """Undo install_statements (the group roles stay: other databases on the server may use them)."""
    statements = [f"DROP POLICY IF EXISTS {table}_{command.lower()} ON {table}" for table, command, *_ in _policies()]
    statements += [f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY" for table in sorted({t for t, *_ in _policies()})]
    statements += [f"DROP TRIGGER IF EXISTS {table}_owner_stays ON {table}" for table in ("person", "commitment", "task")]
    statements += [f"ALTER TABLE {table} ALTER COLUMN owner DROP DEFAULT" for table in OWNED]
    statements += [f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {OFFICERS}, {SENIORS}",
                   f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {OFFICERS}, {SENIORS}",
                   f"REVOKE ALL ON SCHEMA public FROM {OFFICERS}, {SENIORS}"]
    statements += [
        "DROP FUNCTION IF EXISTS " + name
        for name in ("diary_owner_stays()", "diary_audit_tip()", "diary_note_read(integer, text)",
                     "diary_may_write(integer)", "diary_duty_people()", "diary_covered_people()", "diary_is_senior()")
    ]
    return statements



def upgrade() -> None:
    """Apply this revision."""
    for table in OWNED[:3]:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('owner', sa.String(length=63), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_{table}_owner'), ['owner'], unique=False)
    with op.batch_alter_table('setting', schema=None, recreate='always') as batch_op:
        batch_op.add_column(sa.Column('owner', sa.String(length=63), server_default='', nullable=False))
        batch_op.drop_constraint('pk_setting', type_='primary')
        batch_op.create_primary_key('pk_setting', ['owner', 'key'])

    op.create_table('team_officer',
    sa.Column('role', sa.String(length=63), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('senior', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('role', name=op.f('pk_team_officer'))
    )
    op.create_table('cover',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('covering', sa.String(length=63), nullable=False),
    sa.Column('covered', sa.String(length=63), nullable=False),
    sa.Column('starts', sa.Date(), nullable=False),
    sa.Column('ends', sa.Date(), nullable=False),
    sa.Column('all_cases', sa.Boolean(), nullable=False),
    sa.Column('handover', sa.Text(), nullable=True),
    sa.Column('arranged_by', sa.String(length=63), nullable=True),
    sa.Column('arranged_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cover'))
    )
    with op.batch_alter_table('cover', schema=None) as batch_op:
        batch_op.create_index('ix_cover_covering', ['covering', 'starts'], unique=False)
        batch_op.create_index(batch_op.f('ix_cover_covered'), ['covered'], unique=False)
    op.create_table('cover_case',
    sa.Column('cover_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cover_id'], ['cover.id'], name=op.f('fk_cover_case_cover_id_cover'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_cover_case_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('cover_id', 'person_id', name=op.f('pk_cover_case'))
    )
    with op.batch_alter_table('cover_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cover_case_person_id'), ['person_id'], unique=False)
    op.create_table('duty_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('officer', sa.String(length=63), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_duty_day'))
    )
    op.create_table('case_read',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reader', sa.String(length=63), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('first_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_read')),
    sa.UniqueConstraint('reader', 'person_id', 'day', name=op.f('uq_case_read_reader'))
    )
    with op.batch_alter_table('case_read', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_read_person_id'), ['person_id'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        for statement in install_statements():
            op.execute(statement)


def downgrade() -> None:
    """Revert this revision."""
    if op.get_bind().dialect.name == "postgresql":
        for statement in remove_statements():
            op.execute(statement)
    op.drop_table('case_read')
    op.drop_table('duty_day')
    op.drop_table('cover_case')
    op.drop_table('cover')
    op.drop_table('team_officer')
    with op.batch_alter_table('setting', schema=None, recreate='always') as batch_op:
        batch_op.drop_constraint('pk_setting', type_='primary')
        batch_op.create_primary_key('pk_setting', ['key'])
        batch_op.drop_column('owner')
    for table in reversed(OWNED[:3]):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_owner'))
            batch_op.drop_column('owner')
