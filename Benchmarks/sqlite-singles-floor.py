#!/usr/bin/env python3
"""Single-event durable commits: raw SQLite into one rowid table against the store's own B-trees.

Python's C-level sqlite3 module, system libsqlite3, WAL. "ours" writes what a single append to a
new stream writes (a streams row and its name index, an events row with its event-id and
(stream_id, version) indexes, the checkpoint row) in one BEGIN IMMEDIATE ... COMMIT;
"ours-no-checkpoint" leaves the checkpoint row out. At synchronous=FULL all three run at the
fsync's rate: the extra pages of our commit do not slow a durable commit here; at OFF the
difference is the statements. See Docs/performance.md, *Reading the misses*.

    python3 Benchmarks/sqlite-singles-floor.py [folder]
"""
import os
import sqlite3
import sys
import tempfile
import time
import uuid

FOLDER = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp()

def run(schema, stmts, n=1500, sync='FULL'):
    p=os.path.join(FOLDER, 'singles.db')
    for s in ['', '-wal', '-shm']:
        try: os.remove(p+s)
        except FileNotFoundError: pass
    db=sqlite3.connect(p, isolation_level=None)
    db.execute('PRAGMA journal_mode=WAL'); db.execute(f'PRAGMA synchronous={sync}')
    db.executescript(schema)
    payload=os.urandom(300)
    t=time.perf_counter()
    for i in range(n):
        db.execute('BEGIN IMMEDIATE')
        for s in stmts: db.execute(s[0], s[1](i, payload))
        db.execute('COMMIT')
    return n/(time.perf_counter()-t)
raw=("CREATE TABLE r(p BLOB, id BLOB, h BLOB);", [("INSERT INTO r VALUES(?,?,?)", lambda i,p:(p, uuid.uuid4().bytes, os.urandom(32)))])
ours=("""CREATE TABLE streams(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, version INTEGER NOT NULL);
CREATE TABLE events(position INTEGER PRIMARY KEY, event_id BLOB NOT NULL UNIQUE, stream_id INTEGER NOT NULL, version INTEGER NOT NULL, payload BLOB, hash BLOB, UNIQUE(stream_id, version));
CREATE TABLE checkpoints(name TEXT PRIMARY KEY, position INTEGER) WITHOUT ROWID; INSERT INTO checkpoints VALUES('a',0);""",
 [("INSERT INTO streams(id,name,version) VALUES(?,?,1)", lambda i,p:(i+1, 'order:%06d'%i)),
  ("INSERT INTO events(position,event_id,stream_id,version,payload,hash) VALUES(?,?,?,1,?,?)", lambda i,p:(i+1, (i).to_bytes(6,'big')+os.urandom(10), i+1, p, os.urandom(32))),
  ("UPDATE checkpoints SET position=? WHERE name='a'", lambda i,p:(i+1,))])
nochk=(ours[0], ours[1][:2])
for rep in range(2):
  for name,(sch,st) in [('raw',raw),('ours',ours),('ours-no-checkpoint',nochk)]:
    print(name, 'FULL %.0f/s'%run(sch,st), 'OFF %.0f/s'%run(sch,st,sync='OFF'))
