"""On PostgreSQL the events table is partitioned by talk (revision 0006), also in a database
that held events before: nothing is lost, the chain still verifies, and every talk's events sit
in one partition."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Engine

from shuttle.store import EventStore, make_engine
from shuttle.store.database import alembic_config, write_transaction

postgresql_only = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


def move(engine: Engine, revision: str, down: bool = False) -> None:
    config = alembic_config()
    with write_transaction(engine) as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def doc(talk: str, seq: int) -> dict[str, object]:
    return {"talk": talk, "seq": seq, "kind": "said", "at": "2026-12-06T00:00:00Z", "data": {}}


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    made = make_engine(database_url)
    yield made
    made.dispose()


def partitioned(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(
            connection.execute(
                text(
                    "SELECT count(*) FROM pg_partitioned_table p "
                    "JOIN pg_class c ON c.oid = p.partrelid "
                    "WHERE c.relname = 'events' AND c.relnamespace = current_schema()::regnamespace"
                )
            ).scalar_one()
        )


@postgresql_only
def test_an_existing_record_is_partitioned_by_talk_and_back(engine: Engine) -> None:
    move(engine, "0005")
    store = EventStore(engine)
    heads = {}
    for n in range(40):
        talk = f"talk-{n}"
        stored = store.append(talk, None, [doc(talk, 1)])
        stored = store.append(talk, stored[-1].head, [doc(talk, 2), doc(talk, 3)])
        heads[talk] = stored[-1].head
    assert not partitioned(engine)
    move(engine, "head")
    assert partitioned(engine)
    with engine.connect() as connection:
        spread = connection.execute(
            text("SELECT tableoid::regclass::text, talk FROM events GROUP BY 1, 2")
        ).all()
    assert len(spread) == 40  # each talk in exactly one partition
    assert len({partition for partition, _ in spread}) > 8  # and the talks spread out
    report = store.verify(heads)
    assert report.ok, report
    appended = store.append("talk-0", heads["talk-0"], [doc("talk-0", 4)])
    assert appended[0].seq == 4
    move(engine, "0005", down=True)
    assert not partitioned(engine) and store.verify().ok
    move(engine, "head")
