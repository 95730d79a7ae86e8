"""Alembic environment: run migrations on the connection the caller hands over.

``shuttle.store.database.migrate`` opens a transaction on the application's own engine and
passes that connection in ``config.attributes["connection"]``. Using it (rather than building
an engine from a URL here) means migrations see exactly what the application sees: the same
SQLite pragmas, the same PostgreSQL search_path, the same locks.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from shuttle.store.schema import metadata


def run_migrations() -> None:
    """Run the pending migrations inside the caller's transaction."""
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError(
            "shuttle migrations run only through shuttle.store.migrate(engine), "
            "which passes a connection in config.attributes['connection']"
        )
    # target_metadata lets a developer autogenerate the next migration from schema.py;
    # batch mode makes such migrations rewrite tables on SQLite, which lacks most ALTERs.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("shuttle migrations do not support offline (SQL script) mode")
run_migrations()
