/// Whether a host names this machine only: `localhost`, `::1` (bracketed or not) or an IPv4 address
/// in 127.0.0.0/8 written as four decimal numbers. Anything else (`127.0.0.+1`, which a resolver
/// would look up as a name) is not loopback: plain `http://` and the sandbox server are for
/// loopback only.
public enum LoopbackHost {
    /// Whether `host` is a loopback host.
    public static func contains(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let lowered = bare.lowercased()
        if lowered == "localhost" || lowered == "::1" || lowered == "0:0:0:0:0:0:0:1" { return true }
        let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4,
            octets.allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy { ("0"..."9").contains($0) } }),
            let values = Optional(octets.compactMap { UInt8($0) }), values.count == 4
        else { return false }
        return values[0] == 127
    }
}
