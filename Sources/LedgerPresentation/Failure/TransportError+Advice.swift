import Transport

extension TransportError: Advised {
    /// The service's answer; an outage also says that nothing was recorded.
    public var advice: String {
        switch self {
        case .rejected: description
        case .unavailable: description + "; nothing was recorded"
        }
    }
}
