"""Storage: SQLAlchemy mappings, engine, migrations."""
