-- What PostgreSQL itself does for an append, without ChannelLedger (Docs/postgres.md, Measurements).
-- Set up: psql postgres://postgres@127.0.0.1:5432/channel_ledger_test -f Benchmarks/postgres-floor-setup.sql
-- Run:    pgbench -n -M prepared -c 1 -T 15 -f Benchmarks/postgres-floor.sql postgres://postgres@127.0.0.1:5432/channel_ledger_test
-- Each transaction appends 100 events; events/s = 100 × tps. Clean up: DROP SCHEMA floor CASCADE.
DROP SCHEMA IF EXISTS floor CASCADE;
CREATE SCHEMA floor;
CREATE TABLE floor.streams (id BIGSERIAL PRIMARY KEY, name TEXT UNIQUE NOT NULL, version BIGINT NOT NULL);
CREATE TABLE floor.events (
    position BIGINT PRIMARY KEY, event_id UUID UNIQUE NOT NULL, stream_id BIGINT NOT NULL, version BIGINT NOT NULL,
    type TEXT NOT NULL, schema_version BIGINT NOT NULL, recorded_at BIGINT NOT NULL, actor TEXT NOT NULL,
    correlation_id UUID, causation_id UUID, source TEXT NOT NULL, payload BYTEA NOT NULL, hash BYTEA NOT NULL,
    UNIQUE (stream_id, version));
INSERT INTO floor.streams (name, version) SELECT 'bench-order:' || g, 0 FROM generate_series(1, 10000) g;
