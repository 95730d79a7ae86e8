"""The bare endpoint Shuttle's API is measured against: validate the same body, insert one row.

The same Pydantic model as Shuttle's statement route, the same database (its own table), the
same engine settings (Shuttle's `make_engine`: WAL and the busy timeout on SQLite; a write
transaction that takes SQLite's write lock at BEGIN), a sync route in FastAPI's thread pool as
Shuttle's commands are, and uvicorn with the same options as `shuttle serve`. No identity, no
talk, no rules, no hash chain, no view: it is the floor of what a web write can cost here.

Run as ``python bench/_server_bare.py --db URL --port PORT``.
"""

from __future__ import annotations

import argparse

import uvicorn
from fastapi import FastAPI
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, insert

from shuttle.store.database import make_engine, write_transaction
from shuttle.web.api.conversation import SayBody

metadata = MetaData()
statements = Table(
    "bench_bare_statements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("text", Text, nullable=False),
    Column("room", String(200)),
    Column("handling", String(32)),
)


def create_bare_app(url: str) -> FastAPI:
    engine = make_engine(url)
    metadata.create_all(engine)
    app = FastAPI()

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/statements", status_code=201)
    def say(body: SayBody) -> dict[str, int]:
        handling = None if body.handling is None else body.handling.value
        with write_transaction(engine) as connection:
            inserted = connection.execute(
                insert(statements).values(text=body.text, room=body.room, handling=handling)
            )
            key = inserted.inserted_primary_key
        assert key is not None
        return {"id": int(key[0])}

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    app = create_bare_app(args.db)
    uvicorn.run(app, host="127.0.0.1", port=args.port, access_log=False, log_level="warning")


if __name__ == "__main__":
    main()
