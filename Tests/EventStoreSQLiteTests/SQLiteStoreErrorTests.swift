import EventSourcing
import Foundation
import GRDB
import Testing

@testable import EventStoreSQLite

@Suite struct SQLiteStoreErrorTests {
    @Test func sqliteErrorsNeverShowSQLOrValues() {
        let leaky = DatabaseError(
            resultCode: .SQLITE_CONSTRAINT_CHECK, message: "CHECK constraint failed: secret-value",
            sql: "INSERT INTO events VALUES (?)", arguments: ["secret-value"], publicStatementArguments: true)
        let translated = SQLiteStoreError.translating(leaky, path: "/tmp/ledger.sqlite", operation: "appending to")
        let description = String(describing: translated)
        #expect(!description.contains("secret-value"))
        #expect(!description.contains("INSERT"))
        #expect(description.contains("/tmp/ledger.sqlite"))
        #expect(description.contains("275"))
    }

    @Test func lockAndSpaceErrorsAreNamed() {
        let path = "/data/ledger.sqlite"
        #expect(
            SQLiteStoreError.translating(DatabaseError(resultCode: .SQLITE_BUSY), path: path, operation: "x")
                as? SQLiteStoreError == .busy(path))
        #expect(
            SQLiteStoreError.translating(DatabaseError(resultCode: .SQLITE_LOCKED), path: path, operation: "x")
                as? SQLiteStoreError == .busy(path))
        #expect(
            SQLiteStoreError.translating(DatabaseError(resultCode: .SQLITE_FULL), path: path, operation: "x")
                as? SQLiteStoreError == .diskFull(path))
        #expect(
            SQLiteStoreError.translating(DatabaseError(resultCode: .SQLITE_READONLY), path: path, operation: "x")
                as? SQLiteStoreError == .permissionDenied(path))
        #expect(
            SQLiteStoreError.translating(DatabaseError(resultCode: .SQLITE_CORRUPT), path: path, operation: "x")
                as? SQLiteStoreError == .corrupt(path))
        #expect(
            SQLiteStoreError.translating(DatabaseError(resultCode: .SQLITE_NOTADB), path: path, operation: "x")
                as? SQLiteStoreError == .notAStore(path))
    }

    @Test func otherErrorsPassThrough() {
        let conflict = EventStoreError.claimConflict(kind: "k", value: "v", owner: "o")
        #expect(SQLiteStoreError.translating(conflict, path: "p", operation: "x") as? EventStoreError == conflict)
    }

    @Test func everyDescriptionIsOneLine() {
        let path = "/data/ledger.sqlite"
        let errors: [SQLiteStoreError] = [
            .notFound(path), .alreadyExists(path), .notAStore(path), .unfinished(path), .directoryNotFound("/data"),
            .newerSchema(path),
            .permissionDenied(path), .busy(path), .diskFull(path), .corrupt(path),
            .unreadableValue(path: path, what: "stream name"), .sqlite(path: path, code: 1, operation: "reading"),
            .fileSystem(path: path, operation: "create", errno: 13),
        ]
        for error in errors {
            #expect(!error.description.contains("\n"))
            #expect(error.description.contains(path) || error.description.contains("/data"))
        }
    }
}
