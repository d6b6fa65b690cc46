import ChannelLedger

extension KeyError: Advised {
    /// What is wrong with the key and how to fix it.
    public var advice: String {
        switch self {
        case .malformedEnvironment:
            "\(MasterKey.environmentVariable) is not a base64 32-byte key; fix or unset it"
        case .malformedFile(let source):
            "the \(source) does not hold a base64 32-byte key; restore it from your backup"
        case .missing(let path):
            "no master key for this store: set \(MasterKey.environmentVariable) or restore the key file \(shown(path))"
        case .exposed(let path):
            "the key file \(shown(path)) is open to other users; run `chmod 600 \(shown(path))` (and consider the key compromised)"
        case .cannotWrite(let path, let reason):
            "cannot write \(shown(path)) (\(reason)); check XDG_CONFIG_HOME and the folder's permissions"
        case .mismatch(let source):
            "the master key from the \(source) is not this store's key (key check failed); use the key the store was initialized with"
        }
    }
}
