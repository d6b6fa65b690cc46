#!/usr/bin/env python3
"""Single-event durable commits: raw SQLite into one rowid table against the store's B-trees.

Python's C-level sqlite3 module on the system libsqlite3, WAL. "store-rows" writes, in one
BEGIN IMMEDIATE ... COMMIT, the rows a single append to a new stream writes: a streams row and
its name index, an events row (the store's columns) with its event-id and (stream_id, version)
indexes, and the checkpoint row; "store-rows-no-checkpoint" leaves the checkpoint out. Each
configuration first commits past SQLite's first WAL checkpoint (1,000 pages), so every side is
timed with a WAL that is being reused, then prints commits/s at synchronous=FULL and OFF and the
WAL frames one commit writes (counted with automatic checkpoints off). See Docs/performance.md,
*Reading the misses*.

    python3 Benchmarks/sqlite-singles-floor.py
"""
import os
import shutil
import sqlite3
import tempfile
import time
import uuid

COMMITS = 1500
WARM_UP = 1200
PAGE = 4096

RAW = (
    "CREATE TABLE r (payload BLOB, event_id BLOB, hash BLOB);",
    [("INSERT INTO r VALUES (?, ?, ?)", lambda i, payload: (payload, uuid.uuid4().bytes, os.urandom(32)))],
)

STORE_SCHEMA = """
CREATE TABLE streams (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, version INTEGER NOT NULL);
CREATE TABLE events (
    position INTEGER PRIMARY KEY, event_id BLOB NOT NULL UNIQUE, stream_id INTEGER NOT NULL,
    version INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL, actor TEXT NOT NULL, correlation_id BLOB, causation_id BLOB,
    source TEXT NOT NULL, payload BLOB NOT NULL, hash BLOB NOT NULL, UNIQUE (stream_id, version));
CREATE TABLE checkpoints (name TEXT PRIMARY KEY, version INTEGER, position INTEGER) WITHOUT ROWID;
INSERT INTO checkpoints VALUES ('ledger', 1, 0);
"""


def stream_row(i, payload):
    return (i + 1, "bench-order:%06d" % i)


def event_row(i, payload):
    event_id = (i + 1).to_bytes(8, "big") + os.urandom(8)  # time-ordered, as UUIDv7 ids are
    return (i + 1, event_id, i + 1, "BenchOrderSeen", 1, 1_764_000_000_000 + i, "bench", "bench", payload,
            os.urandom(32))


STORE = (
    STORE_SCHEMA,
    [
        ("INSERT INTO streams (id, name, version) VALUES (?, ?, 1)", stream_row),
        ("INSERT INTO events (position, event_id, stream_id, version, type, schema_version, recorded_at, actor, "
         "source, payload, hash) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)", event_row),
        ("UPDATE checkpoints SET position = ? WHERE name = 'ledger'", lambda i, payload: (i + 1,)),
    ],
)


def connect(folder, schema, synchronous, autocheckpoint=1000):
    path = os.path.join(folder, "singles-%s.db" % uuid.uuid4().hex[:8])
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = %s" % synchronous)
    db.execute("PRAGMA wal_autocheckpoint = %d" % autocheckpoint)
    db.executescript(schema)
    return db, path


def commit(db, statements, i, payload):
    db.execute("BEGIN IMMEDIATE")
    for sql, arguments in statements:
        db.execute(sql, arguments(i, payload))
    db.execute("COMMIT")


def rate(folder, configuration, synchronous):
    schema, statements = configuration
    db, _ = connect(folder, schema, synchronous)
    payload = os.urandom(300)
    for i in range(WARM_UP):
        commit(db, statements, i, payload)
    start = time.perf_counter()
    for i in range(WARM_UP, WARM_UP + COMMITS):
        commit(db, statements, i, payload)
    elapsed = time.perf_counter() - start
    db.close()
    return COMMITS / elapsed


def frames_per_commit(folder, configuration):
    schema, statements = configuration
    db, path = connect(folder, schema, "OFF", autocheckpoint=0)
    payload = os.urandom(300)
    commit(db, statements, 0, payload)
    before = os.path.getsize(path + "-wal")
    for i in range(1, 201):
        commit(db, statements, i, payload)
    frames = (os.path.getsize(path + "-wal") - before) / (PAGE + 24) / 200
    db.close()
    return frames


def main():
    folder = tempfile.mkdtemp(prefix="sqlite-singles-floor-")
    try:
        configurations = [("raw", RAW), ("store-rows", STORE), ("store-rows-no-checkpoint", (STORE[0], STORE[1][:2]))]
        for _ in range(2):
            for name, configuration in configurations:
                print("%-26s FULL %6.0f/s   OFF %6.0f/s   %.1f WAL frames per commit" % (
                    name, rate(folder, configuration, "FULL"), rate(folder, configuration, "OFF"),
                    frames_per_commit(folder, configuration)))
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
