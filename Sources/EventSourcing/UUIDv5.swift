import Crypto
import Foundation

/// Name-based UUIDs (RFC 9562 version 5): the same name in the same namespace always gives the
/// same id, so something that arrives twice (a webhook's idempotency key) maps to one id.
public enum UUIDv5 {
    /// ChannelLedger's namespace for the names it turns into ids.
    public static let ledgerNamespace = UUID(uuidString: "6A0C8F0E-5E2B-4C5B-9D57-3A1E0C7B2D41")!

    /// The version-5 UUID of `name` in `namespace`.
    public static func make(name: String, namespace: UUID = ledgerNamespace) -> UUID {
        var hasher = Insecure.SHA1()
        withUnsafeBytes(of: namespace.uuid) { hasher.update(bufferPointer: $0) }
        hasher.update(data: Data(name.utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
