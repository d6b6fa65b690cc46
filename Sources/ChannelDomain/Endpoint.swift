import Foundation

/// The base URLs a channel or the connected app calls: `https://` anywhere, `http://` only on a
/// loopback host (a local sandbox server), never with a user, a password, a query or a fragment.
public enum Endpoint {
    /// The normalized URL (scheme and host lower-cased, no trailing slash), or nil when `raw` is not
    /// acceptable; `allowsPath` is false for a My Domain, which is a host alone.
    public static func normalized(_ raw: String, allowsPath: Bool) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty,
            !trimmed.unicodeScalars.contains(where: {
                CharacterSet.whitespacesAndNewlines.contains($0) || CharacterSet.controlCharacters.contains($0)
            })
        else { return nil }
        let text = trimmed.contains("://") ? trimmed : "https://" + trimmed
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(),
            let host = components.host?.lowercased(), !host.isEmpty,
            components.user == nil, components.password == nil,
            components.query == nil, components.fragment == nil
        else { return nil }
        guard scheme == "https" || (scheme == "http" && isLoopback(host)) else { return nil }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        guard allowsPath || path.isEmpty else { return nil }
        let port = components.port.map { ":\($0)" } ?? ""
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost)\(port)\(path)"
    }

    /// Whether a host is this machine: `localhost`, `::1` or 127.0.0.0/8 written as four decimal
    /// numbers (`127.0.0.+1` is a name, not an address). The transports' `LoopbackHost` says the
    /// same; the domain imports no transport.
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy {
                (1...3).contains($0.count) && $0.allSatisfy { ("0"..."9").contains($0) } && UInt8($0) != nil
            }
    }
}
