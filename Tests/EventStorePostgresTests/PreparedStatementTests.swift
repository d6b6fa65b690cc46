import Testing

@testable import EventStorePostgres

@Suite struct PreparedStatementTests {
    static let texts: [any PreparedText.Type] = [
        PostgresAppendTransaction.AppendLock.self, PostgresGroupStart.StartQuery.self,
        PostgresAppendTransaction.WriteToNewStream.self, PostgresAppendTransaction.WriteToNewStreamWithReadModels.self,
        PostgresAppendTransaction.WriteToExistingStream.self,
        PostgresAppendTransaction.WriteToExistingStreamWithReadModels.self, PostgresGroupStart.LockedStartQuery.self,
        PostgresAppendCall.Call.self,
    ]

    @Test func everyPreparedStatementHasItsOwnNameWithinPostgreSQLsLimit() {
        let names = Self.texts.map { $0.name }
        #expect(Set(names).count == Self.texts.count)
        for name in names { #expect(name.utf8.count <= 63, "PostgreSQL cuts \(name) to 63 bytes") }
    }

}
