"""The schema revisions this version of the app knows, without importing Alembic at start-up."""

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")
SCHEMA_HEAD: str = KNOWN_REVISIONS[-1]
