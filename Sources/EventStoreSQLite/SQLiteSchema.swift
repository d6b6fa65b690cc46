import GRDB

/// The store's schema: string migrations, applied in order and never edited once released.
enum SQLiteSchema {
    /// `PRAGMA application_id` of a channel-ledger store ("CLdg"), how `open` recognises its files.
    static let applicationID: Int32 = 0x434C_6467

    /// Every migration of the store, oldest first.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-event-log", migrate: { db in try db.execute(sql: v1) })
        migrator.registerMigration("v2-staged-rebuilds", migrate: { db in try db.execute(sql: v2) })
        migrator.registerMigration("v3-subject-keys", migrate: { db in try db.execute(sql: v3) })
        migrator.registerMigration("v4-leases", migrate: { db in try db.execute(sql: v4) })
        migrator.registerMigration("v5-work-attempts", migrate: { db in try db.execute(sql: v5) })
        migrator.registerMigration("v6-snapshots", migrate: { db in try db.execute(sql: v6) })
        migrator.registerMigration("v7-snapshot-bases", migrate: { db in try db.execute(sql: v7) })
        return migrator
    }()

    /// The event log, its streams and the inline read models.
    static let v1 = """
        PRAGMA application_id = \(applicationID);

        CREATE TABLE streams (
            id      INTEGER PRIMARY KEY,
            name    TEXT    NOT NULL UNIQUE,
            version INTEGER NOT NULL CHECK (version >= 0)
        );

        CREATE TABLE events (
            position       INTEGER PRIMARY KEY CHECK (position >= 1),
            event_id       BLOB    NOT NULL UNIQUE CHECK (length(event_id) = 16),
            stream_id      INTEGER NOT NULL REFERENCES streams(id),
            version        INTEGER NOT NULL CHECK (version >= 1),
            type           TEXT    NOT NULL,
            schema_version INTEGER NOT NULL,
            recorded_at    INTEGER NOT NULL,
            actor          TEXT    NOT NULL,
            correlation_id BLOB    CHECK (correlation_id IS NULL OR length(correlation_id) = 16),
            causation_id   BLOB    CHECK (causation_id IS NULL OR length(causation_id) = 16),
            source         TEXT    NOT NULL,
            payload        BLOB    NOT NULL,
            hash           BLOB    NOT NULL CHECK (length(hash) = 32),
            UNIQUE (stream_id, version)
        );

        CREATE TABLE documents (
            model TEXT NOT NULL,
            key   TEXT NOT NULL,
            data  BLOB NOT NULL,
            PRIMARY KEY (model, key)
        ) WITHOUT ROWID;

        CREATE TABLE claims (
            kind  TEXT NOT NULL,
            value TEXT NOT NULL,
            owner TEXT NOT NULL,
            PRIMARY KEY (kind, value)
        ) WITHOUT ROWID;

        CREATE TABLE checkpoints (
            name     TEXT    NOT NULL PRIMARY KEY,
            version  INTEGER NOT NULL,
            position INTEGER NOT NULL
        ) WITHOUT ROWID;
        """

    /// Staging areas for projection rebuilds: models built aside, then swapped in (blue/green).
    static let v2 = """
        CREATE TABLE staged_rebuilds (
            name     TEXT    NOT NULL PRIMARY KEY,
            version  INTEGER NOT NULL,
            position INTEGER NOT NULL,
            owner    BLOB    NOT NULL CHECK (length(owner) = 16)
        ) WITHOUT ROWID;

        CREATE TABLE staged_documents (
            projection TEXT NOT NULL,
            model      TEXT NOT NULL,
            key        TEXT NOT NULL,
            data       BLOB NOT NULL,
            PRIMARY KEY (projection, model, key)
        ) WITHOUT ROWID;

        CREATE TABLE staged_claims (
            projection TEXT NOT NULL,
            kind       TEXT NOT NULL,
            value      TEXT NOT NULL,
            owner      TEXT NOT NULL,
            PRIMARY KEY (projection, kind, value)
        ) WITHOUT ROWID;
        """

    /// Subject keys beside the log, outside its hash chain (already sealed by the application).
    static let v3 = """
        CREATE TABLE subject_keys (
            subject TEXT NOT NULL PRIMARY KEY,
            sealed  BLOB NOT NULL
        ) WITHOUT ROWID;
        """

    /// Leases on work beside the log (the publisher's): one holder until it expires.
    static let v4 = """
        CREATE TABLE leases (
            name       TEXT    NOT NULL PRIMARY KEY,
            holder     TEXT    NOT NULL,
            expires_at INTEGER NOT NULL
        );
        """

    /// Failed attempts of leased work (the publisher's orders): counts and retry times, beside the log.
    static let v5 = """
        CREATE TABLE work_attempts (
            work     TEXT    NOT NULL,
            subject  TEXT    NOT NULL,
            target   TEXT    NOT NULL,
            count    INTEGER NOT NULL CHECK (count >= 1),
            reason   TEXT    NOT NULL,
            last_at  INTEGER NOT NULL,
            retry_at INTEGER NOT NULL,
            PRIMARY KEY (work, subject)
        ) WITHOUT ROWID;
        """

    /// Snapshots of the read models at marks of the log, for `--as-of`: beside the log, outside
    /// its hash chain, rebuilt when missing. Each mark keeps the rows changed since the one before.
    static let v6 = """
        CREATE TABLE snapshot_marks (
            position    INTEGER NOT NULL PRIMARY KEY CHECK (position >= 1),
            previous    INTEGER NOT NULL CHECK (previous >= 0 AND previous < position),
            fingerprint TEXT    NOT NULL,
            latest_time INTEGER NOT NULL
        );

        CREATE TABLE snapshot_rows (
            kind     TEXT    NOT NULL CHECK (kind IN ('d', 'c')),
            name     TEXT    NOT NULL,
            key      TEXT    NOT NULL,
            position INTEGER NOT NULL,
            data     BLOB,
            PRIMARY KEY (kind, name, key, position)
        ) WITHOUT ROWID;
        """

    /// As-of snapshots packed (decision 29): each mark holds its rows in one compressed value
    /// (``SnapshotPack``), names the full mark it is read from and counts the changed rows kept
    /// since. A mark and its rows are one row, so neither can go without the other. Snapshots
    /// are rebuilt when missing, so those of version 6 are dropped rather than moved (the marks'
    /// table is altered rather than made again, as on PostgreSQL, where it keeps its grants).
    static let v7 = """
        DROP TABLE snapshot_rows;
        DELETE FROM snapshot_marks;
        ALTER TABLE snapshot_marks ADD COLUMN base INTEGER NOT NULL DEFAULT 0 CHECK (base >= 0);
        ALTER TABLE snapshot_marks ADD COLUMN carried INTEGER NOT NULL DEFAULT 0 CHECK (carried >= 0);
        ALTER TABLE snapshot_marks ADD COLUMN rows BLOB NOT NULL DEFAULT x'';
        """
}
