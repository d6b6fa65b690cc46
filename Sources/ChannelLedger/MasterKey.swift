import Crypto
import Foundation

/// The 32-byte master key that protects a store's secrets, and where it came from.
///
/// It comes from `CHANNEL_LEDGER_MASTER_KEY` (base64) when set, else from the 0600 key file
/// `init` made in the per-user key folder under the store's id (Docs/operations.md).
public struct MasterKey: Sendable {
    /// Where a key was found.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// From `CHANNEL_LEDGER_MASTER_KEY`.
        case environment
        /// From the store's key file at this path.
        case keyFile(String)
        /// Made in memory for this run only (the demo's throwaway store).
        case ephemeral

        /// Where the key came from, as `status` and error messages name it.
        public var description: String {
            switch self {
            case .environment: "environment (CHANNEL_LEDGER_MASTER_KEY)"
            case .keyFile(let path): "key file \(path)"
            case .ephemeral: "ephemeral (this run only)"
            }
        }
    }

    /// The variable holding a base64 master key; it wins over the key file.
    public static let environmentVariable = "CHANNEL_LEDGER_MASTER_KEY"

    /// The key's bytes (`SymmetricKey` is not `Sendable`; one is made per use).
    private let bytes: Data
    /// Where this key was found.
    public let source: Source

    init(key: SymmetricKey, source: Source) {
        self.bytes = key.withUnsafeBytes { Data($0) }
        self.source = source
    }

    var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// A fresh random key that lives only in this process.
    public static func ephemeral() -> MasterKey {
        MasterKey(key: SymmetricKey(size: .bits256), source: .ephemeral)
    }

    /// Parses a base64 key of exactly 32 bytes.
    static func parse(base64 text: String, source: Source) throws(KeyError) -> MasterKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: trimmed), data.count == 32 else {
            throw source == .environment ? .malformedEnvironment : .malformedFile(source.description)
        }
        return MasterKey(key: SymmetricKey(data: data), source: source)
    }

    /// The key from the environment, if the variable is set.
    static func fromEnvironment(_ environment: [String: String]) throws(KeyError) -> MasterKey? {
        guard let text = environment[environmentVariable], !text.isEmpty else { return nil }
        return try parse(base64: text, source: .environment)
    }

    /// Loads the key for a store: the environment wins over the key file.
    public static func load(storeID: UUID, paths: LedgerPaths, environment: [String: String]) throws(KeyError)
        -> MasterKey
    {
        if let key = try fromEnvironment(environment) { return key }
        let path = paths.keyFile(for: storeID)
        guard let data = FileManager.default.contents(atPath: path) else { throw .missing(path: path) }
        guard !SecureFile.isExposed(path) else { throw .exposed(path: path) }
        return try parse(base64: String(decoding: data, as: UTF8.self), source: .keyFile(path))
    }

    /// For `init`: the environment's key, or a new one written to a 0600 key file.
    public static func establish(storeID: UUID, paths: LedgerPaths, environment: [String: String]) throws -> MasterKey {
        if let key = try fromEnvironment(environment) { return key }
        let path = paths.keyFile(for: storeID)
        let key = SymmetricKey(size: .bits256)
        let text = key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        try SecureFile.createDirectory(atPath: (path as NSString).deletingLastPathComponent)
        try SecureFile.create(Data(text.utf8), atNewPath: path)
        return MasterKey(key: key, source: .keyFile(path))
    }

    /// Derives a purpose-bound subkey (HKDF-SHA256).
    func subkey(_ purpose: String) -> Data {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: key, salt: Data("channel-ledger".utf8), info: Data(purpose.utf8), outputByteCount: 32
        ).withUnsafeBytes { Data($0) }
    }

    /// A value that identifies this key without revealing it: stored at init, compared on load.
    public var checkValue: String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("key check".utf8), using: SymmetricKey(data: subkey("key-check v1")))
        return Data(mac).prefix(16).hexString
    }
}

/// Why a master key cannot be used.
public enum KeyError: ClassifiedError, Equatable {
    /// `CHANNEL_LEDGER_MASTER_KEY` is not a base64 32-byte key.
    case malformedEnvironment
    /// The key file (named by its source) does not hold a base64 32-byte key.
    case malformedFile(String)
    /// The environment holds no key and there is no key file at `path`.
    case missing(path: String)
    /// The key is not the one the store was initialized with: its check value differs.
    case mismatch(MasterKey.Source)
    /// The key file can be read by other users.
    case exposed(path: String)
    /// `init` could not write the key file or its folder; `reason` says why.
    case cannotWrite(path: String, reason: String)

    /// Always ``FailureClass/storeOrKey``.
    public var failureClass: FailureClass { .storeOrKey }
}

extension MasterKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Where the key came from, never its bytes.
    public var description: String { "MasterKey(\(source))" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// The source only: `Data`'s own mirror would list the key's 32 bytes in `dump`.
    public var customMirror: Mirror {
        Mirror(self, children: ["source": source], displayStyle: .struct)
    }
}
