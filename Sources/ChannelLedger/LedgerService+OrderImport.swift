import ChannelDomain
import EventSourcing
import Foundation
import Transport

extension LedgerService {
    /// Reads JSON lines of Buy with Prime events (webhook envelopes exactly as sent, or Amazon
    /// EventBridge envelopes) and takes each as intake takes a webhook (``receive(_:context:)``),
    /// in file order, with the same idempotency claims: run again, a file adds only what is new.
    ///
    /// A line that cannot be taken (not an envelope, no order, an order the transport cannot find
    /// yet, the transport unavailable) records nothing and is reported in the summary; the lines
    /// after it are still taken. Anything else (the store, the key) stops the import.
    public func importOrders(
        from path: String, context: CommandContext, progress: (OrderImportProgress) -> Void = { _ in }
    ) async throws -> OrderImportSummary {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw OrderFileError.missing(path)
        }
        guard !isFolder.boolValue else { throw OrderFileError.folder(path) }
        guard FileManager.default.isReadableFile(atPath: path) else { throw OrderFileError.unreadable(path) }
        var counter = try LineReader(path: path)
        var total = 0
        while try counter.next() != nil { total += 1 }
        counter.close()

        var reader = try LineReader(path: path)
        defer { reader.close() }
        var summary = OrderImportSummary()
        while let line = try reader.next() {
            summary.lines += 1
            do {
                let event: BuyWithPrimeEvent
                do {
                    event = try BuyWithPrimeEvent.decode(line)
                } catch {
                    throw IntakeError.malformed(Self.reason(error))
                }
                // Each delivery is its own command: its own time and correlation id.
                let delivery = CommandContext(actor: context.actor, source: context.source)
                summary.count(try await receive(event, context: delivery))
            } catch let error where Self.refusesLineOnly(error) {
                summary.refused.append(RefusedLine(line: reader.lineNumber, error: error))
            }
            progress(OrderImportProgress(lines: summary.lines, total: total))
        }
        return summary
    }

    private static func reason(_ error: BuyWithPrimeEventError) -> String {
        switch error {
        case .notAnEnvelope(let why): "not a Buy with Prime event envelope (\(why))"
        case .missingField(let field): "the envelope has no \(field)"
        case .invalidField(let field, let rule): "the envelope's \(field) is not \(rule)"
        }
    }

    /// Whether an error concerns one line only (the import goes on), not the store or the key.
    private static func refusesLineOnly(_ error: any Error) -> Bool {
        error is IntakeError || error is TransportError || error is DomainError
    }
}

/// Why `orders import` cannot read its file; nothing was recorded.
public enum OrderFileError: ClassifiedError, Equatable {
    /// No file at the path.
    case missing(String)
    /// The path is a folder.
    case folder(String)
    /// The file cannot be read.
    case unreadable(String)

    /// Not found for a missing file, usage otherwise.
    public var failureClass: FailureClass {
        if case .missing = self { return .notFound }
        return .usage
    }
}

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
