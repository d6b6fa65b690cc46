import Foundation
import Transport

/// How far `orders import` has come.
public struct OrderImportProgress: Sendable, Equatable {
    /// Lines taken so far.
    public var lines: Int
    /// Lines in the file.
    public var total: Int
}

/// A line `orders import` could not take, and why; nothing was recorded for it.
public struct RefusedLine: Sendable {
    /// The line's number in the file, from 1.
    public var line: Int
    /// Why.
    public var error: any Error
}

/// What `orders import` did.
public struct OrderImportSummary: Sendable {
    /// Lines read.
    public var lines = 0
    /// Orders recorded (`OrderReceived`).
    public var received = 0
    /// Of those, the orders the flow associated.
    public var associated = 0
    /// Of those, the orders left unassociated.
    public var unassociated = 0
    /// Later events recorded on known orders.
    public var laterEvents = 0
    /// Deliveries recorded before (by an earlier run, or an earlier line).
    public var duplicates = 0
    /// Events about orders the ledger never received: acknowledged, nothing recorded.
    public var acknowledged = 0
    /// Customers forgotten (personal-data deletion tasks).
    public var customersForgotten = 0
    /// Lines that could not be taken.
    public var refused: [RefusedLine] = []

    /// An empty summary.
    public init() {}

    mutating func count(_ outcome: IntakeOutcome) {
        switch outcome.kind {
        case .duplicate: duplicates += 1
        case .acknowledged: acknowledged += 1
        case .recorded where outcome.eventType == BuyWithPrimeEvent.orderConfirmed:
            received += 1
            if outcome.channelId != nil { associated += 1 } else { unassociated += 1 }
        case .recorded where outcome.eventType.hasPrefix(BuyWithPrimeEvent.personalDataDeletionPrefix):
            customersForgotten += 1
        case .recorded: laterEvents += 1
        }
    }
}

/// `orders import` took the file but some lines could not be taken; what was taken stays recorded.
public struct OrderImportIncomplete: ClassifiedError {
    /// The lines not taken, in file order.
    public var refused: [RefusedLine]

    /// The failure of an import that refused these lines.
    public init(refused: [RefusedLine]) {
        self.refused = refused
    }

    /// Unavailable when every refusal may pass on a later run (an order not found yet, a
    /// transport down), usage otherwise (the file must be fixed).
    public var failureClass: FailureClass {
        let later = refused.allSatisfy { line in
            switch line.error {
            case IntakeError.orderNotYetAvailable: true
            case is TransportError: true
            default: false
            }
        }
        return later ? .unavailable : .usage
    }
}
