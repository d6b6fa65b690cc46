import ChannelLedger
import EventSourcing

extension Views {
    /// `orders forget-customer --json`: `{customerId, recorded, keyDeleted, scrub}`, where `scrub`
    /// is `completed`, `blockedByReaders` or `needsOwner`.
    public static func forgetOutcome(_ outcome: ForgetOutcome) -> JSONValue {
        let scrub: String? =
            switch outcome.scrub {
            case .completed?: "completed"
            case .blockedByReaders?: "blockedByReaders"
            case .needsOwner?: "needsOwner"
            case nil: nil
            }
        return .object([
            ("customerId", .string(outcome.customerId)), ("recorded", .bool(outcome.recorded)),
            ("keyDeleted", .bool(outcome.keyDeleted)), ("scrub", .string(scrub)),
        ])
    }
}

extension TextViews {
    /// `orders forget-customer`: one line.
    public static func forgetOutcome(_ outcome: ForgetOutcome) -> String {
        guard outcome.recorded else {
            return "customer \(outcome.customerId) unchanged (forgotten already, no data since)"
        }
        return outcome.keyDeleted
            ? "customer \(outcome.customerId) forgotten: their key is deleted, their orders' personal fields read <forgotten>"
            : "customer \(outcome.customerId) forgotten (the ledger held no personal data of theirs)"
    }

    /// What still holds deleted data after a scrub that did not complete, if anything.
    public static func scrubNote(_ scrub: ScrubOutcome?) -> String? {
        switch scrub {
        case .blockedByReaders?:
            "note: other processes are reading the store, so its write-ahead log may still hold the deleted key; once they finish, run `\(Fix.forgetCustomer)` again to clear it"
        case .needsOwner(let statement)?:
            "note: the key's old row stays in the database files until the table's owner runs: \(statement)"
        case .completed?, nil:
            nil
        }
    }
}
