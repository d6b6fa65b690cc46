import ChannelDomain
import Crypto
import Foundation
import Transport

/// Seals secrets for the log and opens them for a transport call.
///
/// Secrets are encrypted with AES-GCM under a key derived from the master key; events keep
/// only the ciphertext and a fingerprint (HMAC-SHA256 under another derived key, 8 bytes in
/// hex), so equal secrets are recognised without ever being stored in the clear.
public struct Vault: Sendable {
    /// The master key the vault's sealing and fingerprint keys derive from.
    public let masterKey: MasterKey
    private let sealingKey: Data
    private let fingerprintKey: Data
    /// The key that seals subjects' data keys (``SubjectKey``).
    let subjectWrappingKey: Data
    private static let associatedData = Data("channel-ledger secret v1".utf8)

    /// A vault with keys derived from the master key.
    public init(masterKey: MasterKey) {
        self.masterKey = masterKey
        self.sealingKey = masterKey.subkey("secrets v1")
        self.fingerprintKey = masterKey.subkey("fingerprint v1")
        self.subjectWrappingKey = masterKey.subkey("subject keys v1")
    }

    /// The fingerprint of a secret: stable for one master key, meaningless without it.
    public func fingerprint(_ secret: Secret) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data(secret.reveal().utf8), using: SymmetricKey(data: fingerprintKey))
        return Data(mac).prefix(8).hexString
    }

    /// Encrypts a secret for an event.
    public func seal(_ secret: Secret) throws -> SealedSecret {
        let box = try AES.GCM.seal(
            Data(secret.reveal().utf8), using: SymmetricKey(data: sealingKey), authenticating: Self.associatedData)
        guard let combined = box.combined else { throw VaultError.cannotSeal }
        return SealedSecret(ciphertext: combined.base64EncodedString(), fingerprint: fingerprint(secret))
    }

    /// Decrypts a sealed secret.
    public func open(_ sealed: SealedSecret) throws -> Secret {
        guard let data = Data(base64Encoded: sealed.ciphertext),
            let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(
                box, using: SymmetricKey(data: sealingKey), authenticating: Self.associatedData)
        else { throw VaultError.cannotOpen(fingerprint: sealed.fingerprint) }
        return Secret(String(decoding: plain, as: UTF8.self))
    }
}

/// Why a secret could not be sealed or opened.
public enum VaultError: ClassifiedError, Equatable {
    /// AES-GCM produced no sealed box for the secret.
    case cannotSeal
    /// The sealed secret with this fingerprint does not decrypt with this master key.
    case cannotOpen(fingerprint: String)
    /// The subject's data key, as the store keeps it, does not open with this master key.
    case cannotOpenSubjectKey(subject: String)
    /// Personal data sealed for this subject does not open with the subject's key.
    case cannotOpenPersonalData(subject: String)

    /// Always ``FailureClass/storeOrKey``.
    public var failureClass: FailureClass { .storeOrKey }
}

extension Vault: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The master key's source only, never the subkeys.
    public var description: String { "Vault(\(masterKey))" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// The master key (itself redacted) only: `Data`'s own mirror would list the subkeys' bytes.
    public var customMirror: Mirror {
        Mirror(self, children: ["masterKey": masterKey], displayStyle: .struct)
    }
}
