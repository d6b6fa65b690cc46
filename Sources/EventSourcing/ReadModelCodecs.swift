/// How read-model documents are encoded: the compact format, whatever the events' payloads are
/// (JSON, in the log and its exports). A document is never part of the log, an export or a hash.
public enum ReadModelCodecs {
    /// The encoder of read-model documents.
    public static func encoder() -> CompactEncoder { CompactEncoder() }

    /// The decoder of read-model documents.
    public static func decoder() -> CompactDecoder { CompactDecoder() }
}
