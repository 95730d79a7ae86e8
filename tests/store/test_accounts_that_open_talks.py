"""Migration 0009: accounts made from a co-mediator's link before it act through seats from it
on, keeping their link's talk; accounts made at the command line keep acting by their names."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import insert

from shuttle.accounts import Access
from shuttle.accounts.schema import web_credentials, web_users
from shuttle.store import open_store
from shuttle.store.database import alembic_config, make_engine, write_transaction


def test_accounts_made_from_links_before_it_keep_their_talk_and_no_more(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    config = alembic_config()
    with write_transaction(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0008")
        # As 0008's set_password left it: the link used in the instant the account was made.
        connection.execute(insert(web_users).values(
            name="Co-mediator", password_hash="x", created_at=100.0, seats_only=False
        ))  # fmt: skip
        connection.execute(insert(web_credentials).values(
            digest="d1", kind="invite", talk="their talk", user="Co-mediator",
            created_at=50.0, expires_at=1e12, ended_at=100.0,
        ))  # fmt: skip
        # Made at the command line; a link of its name replaced later does not make it one.
        connection.execute(insert(web_users).values(
            name="Operator-made", password_hash="x", created_at=200.0, seats_only=False
        ))  # fmt: skip
        connection.execute(insert(web_credentials).values(
            digest="d2", kind="invite", talk="a talk", user="Operator-made",
            created_at=150.0, expires_at=1e12, ended_at=180.0,
        ))  # fmt: skip
    engine.dispose()

    store = open_store(url)  # migrates to the newest revision
    access = Access(store.engine)
    assert access.seats("Co-mediator") == [("their talk", "Co-mediator")]
    assert not access.has_user("Co-mediator", mediating=True)
    assert access.has_user("Operator-made", mediating=True)
    assert access.seats("Operator-made") == []
    store.dispose()
