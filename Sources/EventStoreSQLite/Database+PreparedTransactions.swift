import GRDB

extension Database {
    /// `inTransaction(.immediate)` through statements prepared once per connection: GRDB's own
    /// prepares `BEGIN IMMEDIATE` and `COMMIT` afresh on every call, about a sixth of the CPU of a
    /// single durable append with the savepoints below (Docs/performance.md, *Single appends
    /// beside the same rows*). An error of the body, or of the commit, rolls the transaction back.
    /// Unlike GRDB's, it does not refuse statements run after a savepoint failed to roll back:
    /// ``inPreparedSavepoint(_:_:)`` rolls the whole transaction back then.
    func inPreparedTransaction(_ body: () throws -> Void) throws {
        try cachedStatement(sql: "BEGIN IMMEDIATE").execute()
        do {
            try body()
            try cachedStatement(sql: "COMMIT").execute()
        } catch {
            if isInsideTransaction { try? rollback() }
            throw error
        }
    }

    /// `inSavepoint` inside a transaction, through statements prepared once per connection: an
    /// error of the body rolls back to the savepoint, releases it and is rethrown. When the
    /// rollback to the savepoint fails, the whole transaction is rolled back instead, so none of
    /// the body's writes can be committed with what follows.
    func inPreparedSavepoint<T>(_ name: String, _ body: () throws -> T) throws -> T {
        precondition(isInsideTransaction, "a prepared savepoint outside a transaction would begin a deferred one")
        try cachedStatement(sql: "SAVEPOINT \(name)").execute()
        let value: T
        do {
            value = try body()
        } catch {
            if isInsideTransaction {
                do {
                    try cachedStatement(sql: "ROLLBACK TO SAVEPOINT \(name)").execute()
                    try cachedStatement(sql: "RELEASE SAVEPOINT \(name)").execute()
                } catch {
                    try? rollback()
                }
            }
            throw error
        }
        try cachedStatement(sql: "RELEASE SAVEPOINT \(name)").execute()
        return value
    }
}
