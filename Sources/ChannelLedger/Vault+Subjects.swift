import ChannelDomain
import Crypto
import EventSourcing
import Foundation

extension Vault {
    /// A new random data key for a subject, and the same key sealed under the master key for the
    /// store. The subject is authenticated with it, so a key moved to another subject does not open.
    public func newSubjectKey(for subject: String) throws -> (key: SymmetricKey, sealed: SubjectKey) {
        let key = SymmetricKey(size: .bits256)
        let box = try key.withUnsafeBytes { bytes in
            try AES.GCM.seal(
                Data(bytes), using: SymmetricKey(data: subjectWrappingKey),
                authenticating: Self.keyAssociatedData(subject))
        }
        guard let combined = box.combined else { throw VaultError.cannotSeal }
        return (key, SubjectKey(subject: subject, sealed: combined))
    }

    /// Opens a subject's data key as the store keeps it.
    public func openSubjectKey(_ sealed: Data, subject: String) throws -> SymmetricKey {
        guard let box = try? AES.GCM.SealedBox(combined: sealed),
            let plain = try? AES.GCM.open(
                box, using: SymmetricKey(data: subjectWrappingKey), authenticating: Self.keyAssociatedData(subject))
        else { throw VaultError.cannotOpenSubjectKey(subject: subject) }
        return SymmetricKey(data: plain)
    }

    /// Seals personal fields under a subject's data key (`sealedKey`: the key as the store keeps it,
    /// which names it: ``keyId(of:)``).
    public func seal(_ personal: PersonalData, subject: String, under key: SymmetricKey, sealedKey: Data) throws
        -> SealedPersonalData
    {
        let plain = try EventCodecs.encoder().encode(personal)
        let box = try AES.GCM.seal(plain, using: key, authenticating: Self.dataAssociatedData(subject))
        guard let combined = box.combined else { throw VaultError.cannotSeal }
        return SealedPersonalData(
            subject: subject, keyId: Self.keyId(of: sealedKey), ciphertext: combined.base64EncodedString())
    }

    /// The id of a subject key: 8 bytes of SHA-256 of its sealed form, in hex. It tells a subject's
    /// keys apart and reveals nothing of the key or the master key.
    public static func keyId(of sealedKey: Data) -> String {
        Data(SHA256.hash(data: sealedKey)).prefix(8).hexString
    }

    /// Opens personal fields sealed under a subject's data key.
    public func open(_ sealed: SealedPersonalData, under key: SymmetricKey) throws -> PersonalData {
        guard let data = Data(base64Encoded: sealed.ciphertext),
            let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: key, authenticating: Self.dataAssociatedData(sealed.subject)),
            let personal = try? EventCodecs.decoder().decode(PersonalData.self, from: plain)
        else { throw VaultError.cannotOpenPersonalData(subject: sealed.subject) }
        return personal
    }

    private static func keyAssociatedData(_ subject: String) -> Data {
        Data("channel-ledger subject key v1\n\(subject)".utf8)
    }

    private static func dataAssociatedData(_ subject: String) -> Data {
        Data("channel-ledger personal data v1\n\(subject)".utf8)
    }
}
