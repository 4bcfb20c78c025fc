"""Alembic environment: runs on the connection the app hands over (plain or SQLCipher)."""

from alembic import context

from diary.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
context.run_migrations()
