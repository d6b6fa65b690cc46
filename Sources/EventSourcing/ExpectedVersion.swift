/// The version a writer expects a stream to be at: the optimistic concurrency check.
public enum ExpectedVersion: Hashable, Sendable, CustomStringConvertible {
    /// The stream must not exist yet.
    case noStream
    /// No check.
    case any
    /// The stream must be at exactly this version (1 or more).
    case exact(Int64)

    /// Whether a stream at `actual` (0 when absent) satisfies this expectation.
    public func accepts(_ actual: Int64) -> Bool {
        switch self {
        case .noStream: actual == 0
        case .any: true
        case .exact(let version): actual == version
        }
    }

    /// The expectation for a stream read at `version` (0 when absent).
    public static func at(_ version: Int64) -> ExpectedVersion {
        version == 0 ? .noStream : .exact(version)
    }

    /// The expectation in words, e.g. `no stream` or `version 3`, for error messages.
    public var description: String {
        switch self {
        case .noStream: "no stream"
        case .any: "any version"
        case .exact(let version): "version \(version)"
        }
    }
}
