-- An append's five statements (BEGIN, the lock, the start query, the write, COMMIT) for 100 events
-- of ~300 bytes, the rows made on the server. See Benchmarks/postgres-floor-setup.sql.
\set s random(1, 10000)
BEGIN;
SELECT pg_advisory_xact_lock(1, 2);
SELECT coalesce(max(position), 0) AS head, (SELECT version FROM floor.streams WHERE id = :s) AS v FROM floor.events;
WITH st AS (UPDATE floor.streams SET version = version + 100 WHERE id = :s RETURNING id, version)
INSERT INTO floor.events
SELECT h.p + g, gen_random_uuid(), st.id, st.version - 100 + g, 'BenchOrderSeen', 1, 0, 'bench', NULL, NULL, 'bench',
    convert_to(repeat('x', 300), 'UTF8'), sha256(int8send(g))
FROM st, (SELECT coalesce(max(position), 0) AS p FROM floor.events) h, generate_series(1, 100) g;
COMMIT;
