"""The schema revisions this version of the app knows, without importing Alembic at start-up."""

# In upgrade order: 0002 (the audit trail) was planned first but follows 0003 (tasks), which landed first.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0003", "0002")
SCHEMA_HEAD: str = KNOWN_REVISIONS[-1]
