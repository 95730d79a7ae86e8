"""The index of who takes part in which talk: written with the events, read without a scan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import select

from shuttle.store import EventStore, open_store
from shuttle.store.database import alembic_config, make_engine, write_transaction
from shuttle.store.schema import talk_members


def doc(talk: str, seq: int, kind: str = "note", **data: Any) -> dict[str, Any]:
    return {"talk": talk, "seq": seq, "kind": kind, "data": data}


def test_a_name_finds_its_talks_oldest_first_and_nothing_else(store: EventStore) -> None:
    store.append("b", None, [doc("b", 1)], members=[("Oman", 1), ("US Envoy", 1)])
    head = store.append("a", None, [doc("a", 1)], members=[("Oman", 1)])[-1].head
    store.append("c", None, [doc("c", 1)], members=[("Qatar", 1)])
    store.append("a", head, [doc("a", 2)], members=[("US Envoy", 2)])
    assert store.talks_of("Oman") == ["b", "a"]
    assert store.talks_of("US Envoy") == ["b", "a"]
    assert store.talks_of("Qatar") == ["c"]
    assert store.talks_of("oman") == []  # names are exact: the service normalises them first


def test_the_migration_indexes_talks_recorded_before_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    config = alembic_config()
    with write_transaction(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
    old = EventStore(engine)  # a record written before the index existed
    opened = doc(
        "t",
        1,
        "talk-opened",
        mediators=["Oman"],
        delegates=[{"name": "US Envoy", "party": "United States"}],
    )
    head = old.append("t", None, [opened])[-1].head
    old.append("t", head, [doc("t", 2, "joined", name="Qatar", role="mediator", party=None)])
    engine.dispose()

    store = open_store(url)  # migrates to the newest revision
    with store.engine.connect() as connection:
        rows = connection.execute(select(talk_members).order_by(talk_members.c.seq)).all()
    assert [(r.name, r.talk, r.seq) for r in rows] == [
        ("Oman", "t", 1),
        ("US Envoy", "t", 1),
        ("Qatar", "t", 2),
    ]
    assert store.talks_of("Qatar") == ["t"]
    store.dispose()
