import Foundation
import PostgresNIO

extension PostgresStoreError {
    /// Where a failure happened, which decides how a broken connection is reported.
    enum Phase {
        /// Opening a connection: a network failure means the server is unreachable.
        case connecting
        /// Running statements on an open connection: a network failure means the connection was lost.
        case working
    }

    /// The error to report for a failure while `operation` (e.g. "appending to"): postgres-nio and
    /// pool errors are translated (dropping SQL, values and the server's message); every other error
    /// (``EventStoreError``, a projection's own error, ``PostgresStoreError``) passes through unchanged.
    static func translating(_ error: any Error, server: String, operation: String, phase: Phase) -> any Error {
        switch error {
        case let error as PSQLError:
            return translating(error, server: server, operation: operation, phase: phase)
        case is ConnectionClosed:
            return phase == .connecting
                ? unreachable(server: server, reason: "the connection closed")
                : connectionLost(server: server, operation: operation)
        case _ where PoolFailure(error) == .shutDown:
            return closed(server: server)
        case _ where PoolFailure(error) == .requestCancelled:
            return CancellationError()
        case _ where PoolFailure(error) == .gaveUpConnecting:
            return unreachable(server: server, reason: "no connection could be made for a while")
        case is PostgresDecodingError:
            return unreadableValue(server: server, what: "value")
        case is TransactionRolledBack:
            return postgres(server: server, sqlState: "25P02", operation: operation)
        default:
            return error
        }
    }

    private static func translating(_ error: PSQLError, server: String, operation: String, phase: Phase) -> any Error {
        let lost: PostgresStoreError =
            phase == .connecting
            ? .unreachable(server: server, reason: reason(error.underlying))
            : .connectionLost(server: server, operation: operation)
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? "XX000"
            switch state {
            case "28P01", "28000": return authenticationFailed(server: server)
            case "3D000": return databaseNotFound(server: server)
            case "53300", "53400": return tooManyConnections(server: server)
            case "42501": return permissionDenied(server: server, operation: operation)
            case "55P03": return busy(server: server)
            case "53100": return diskFull(server: server)
            case "57P01", "57P02", "57P03", "25P03": return lost
            case _ where state.hasPrefix("08"): return lost
            default: return postgres(server: server, sqlState: state, operation: operation)
            }
        case .serverClosedConnection, .connectionError, .uncleanShutdown, .clientClosedConnection:
            return lost
        case .poolClosed:
            return closed(server: server)
        case .authMechanismRequiresPassword, .saslError, .unsupportedAuthMechanism:
            return authenticationFailed(server: server)
        case .sslUnsupported:
            return unreachable(server: server, reason: "the server does not offer TLS, which sslmode requires")
        case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return unreachable(server: server, reason: "TLS could not be set up")
        case .queryCancelled:
            return CancellationError()
        default:
            return postgres(server: server, sqlState: "client:\(error.code)", operation: operation)
        }
    }

    /// A short, single-line reason for a network failure (no SQL or values are ever part of these).
    static func reason(_ underlying: (any Error)?) -> String {
        guard let underlying else { return "the connection failed" }
        if let error = underlying as? IOError {
            return String(cString: strerror(error.errnoCode)).lowercased()
        }
        if let error = underlying as? NIOConnectionError {
            if let first = error.connectionErrors.first?.error { return reason(first) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "the host name could not be resolved" }
            return "the connection failed"
        }
        if underlying is NIOSSLError { return "the TLS handshake failed" }
        let text = String(describing: underlying).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return text.isEmpty ? "the connection failed" : String(text.prefix(120))
    }
}

/// The connection pool's own errors. Its error type lives in a module postgres-nio does not
/// export, so they are recognised by name.
enum PoolFailure: Equatable {
    case shutDown, requestCancelled, gaveUpConnecting

    init?(_ error: any Error) {
        let text = String(reflecting: error)
        guard text.contains("ConnectionPoolError") else { return nil }
        if text.contains("poolShutdown") {
            self = .shutDown
        } else if text.contains("requestCancelled") {
            self = .requestCancelled
        } else if text.contains("connectionCreationCircuitBreakerTripped") {
            self = .gaveUpConnecting
        } else {
            return nil
        }
    }
}
