import ChannelDomain
import Crypto
import EventSourcing
import Foundation

/// Seals and opens orders' personal fields under their subjects' data keys, which the store keeps
/// beside the log (``SubjectKey``).
///
/// Sealing uses the subject's stored key, or makes a new one that the caller must append with the
/// events sealed under it (``StreamBatch/keys``): the key and its first events commit together or
/// not at all. Should another writer store a key for the same subject first, the append is refused
/// (``EventStoreError/subjectKeyConflict(subject:)``) and the caller seals again.
struct PersonalDataSealer: Sendable {
    let vault: Vault
    let store: any EventStore

    /// The fields sealed for `subject`, and the new key to append with them when the subject had none.
    func seal(_ personal: PersonalData, subject: String) async throws -> (SealedPersonalData, SubjectKey?) {
        if let stored = try await store.subjectKey(subject) {
            let key = try vault.openSubjectKey(stored, subject: subject)
            return (try vault.seal(personal, subject: subject, under: key, sealedKey: stored), nil)
        }
        let (key, sealed) = try vault.newSubjectKey(for: subject)
        return (try vault.seal(personal, subject: subject, under: key, sealedKey: sealed.sealed), sealed)
    }

    /// The fields in clear, or nil when the key they were sealed under is gone (the customer was
    /// forgotten; a key made since for new orders is another key).
    func open(_ sealed: SealedPersonalData) async throws -> PersonalData? {
        guard let stored = try await store.subjectKey(sealed.subject) else { return nil }
        guard let keyId = sealed.keyId else {
            // Sealed before keys had ids: the subject's key opens it, unless it is a later key.
            return try? vault.open(sealed, under: try vault.openSubjectKey(stored, subject: sealed.subject))
        }
        guard Vault.keyId(of: stored) == keyId else { return nil }
        return try vault.open(sealed, under: try vault.openSubjectKey(stored, subject: sealed.subject))
    }
}
