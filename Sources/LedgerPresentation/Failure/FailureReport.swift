import ChannelDomain
import ChannelLedger
import EventSourcing
import Transport

/// The one mapper from any error to what the user sees: its failure class (and so the exit code)
/// and one line saying what went wrong and how to fix it.
public enum FailureReport {
    /// The class and the line of `error`; `stores` classifies its own stores' errors.
    public static func describe(_ error: any Error, stores: any StoreProvider) -> (FailureClass, String) {
        (failureClass(of: error, stores: stores), message(of: error))
    }

    /// The line alone, for errors shown beside a result (a key that cannot be used).
    public static func message(of error: any Error) -> String {
        switch error {
        case let error as any Advised: error.advice
        default: LedgerError.unexpected(String(describing: type(of: error))).advice
        }
    }

    static func failureClass(of error: any Error, stores: any StoreProvider) -> FailureClass {
        if let stored = stores.failureClass(of: error) { return stored }
        switch error {
        case let error as any ClassifiedError: return error.failureClass
        case let error as DomainError: return error.category == .notFound ? .notFound : .refused
        case let error as TransportError: return transportClass(error)
        case is EventStoreError: return .conflict
        case is EventCodecError: return .storeOrKey
        case let error as ProjectionRebuildError:
            if case .takenOver = error { return .conflict }
            return .internalError
        case is StreamNameError: return .usage
        case is HashChain.ChainBreak: return .verifyFailed
        default: return .internalError
        }
    }

    /// Not found is 4, a refusal 5, an unsupported operation 64, anything a retry may cure 6.
    static func transportClass(_ error: TransportError) -> FailureClass {
        switch error {
        case .rejected: .rejected
        case .notFound: .notFound
        case .unsupported: .usage
        case .unavailable, .throttled, .malformedAnswer: .unavailable
        }
    }
}
