import ChannelLedger

extension VaultError: Advised {
    /// Which secret failed and how to fix it.
    public var advice: String {
        switch self {
        case .cannotSeal:
            "the secret could not be encrypted; check the master key"
        case .cannotOpen(let fingerprint):
            "the stored secret \(fingerprint) cannot be decrypted with this master key; use the key the store was initialized with"
        case .cannotOpenSubjectKey(let subject):
            "the data key of \(subject) cannot be decrypted with this master key; use the key the store was initialized with"
        case .cannotOpenPersonalData(let subject):
            "personal data of \(subject) does not decrypt with its key; the store's keys or events were altered: run `\(Fix.verify)`"
        }
    }
}
