import EventSourcing

extension EventCodecError: Advised {
    /// The event type with the fix: upgrade, report a bug, or verify the log.
    public var advice: String {
        switch self {
        case .unknownType:
            "\(description); upgrade channel-ledger"
        case .unsupportedSchemaVersion(_, let found, let supported):
            found > supported ? "\(description); upgrade channel-ledger" : "\(description); this is a bug, report it"
        case .malformedPayload:
            "\(description); run `\(Fix.verify)`"
        }
    }
}

extension ProjectionRebuildError: Advised {
    /// The projection with what to do next.
    public var advice: String {
        switch self {
        case .takenOver(let name):
            "\(description); let it finish or run `\(Fix.rebuild(name))` again"
        case .notContiguous:
            "\(description); this is a bug, report it"
        }
    }
}

extension HashChain.ChainBreak: Advised {
    /// Where the chain breaks, as `verify` reports it.
    public var advice: String { "verify failed: \(description); first bad position \(position)" }
}

extension EventStoreError: Advised {
    /// Its own line: what was refused and, where it helps, what to do.
    public var advice: String { description }
}

extension StreamNameError: Advised {
    /// Its own line: the bad name and the accepted shapes.
    public var advice: String { description }
}

extension LogExportError: Advised {
    /// Its own line, naming the problem with the file.
    public var advice: String { description }
}
