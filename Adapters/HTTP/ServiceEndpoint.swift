import Foundation
import HTTPTypes
import Transport

/// A service's base URL, checked: `https://` for any host, `http://` for loopback hosts only
/// (127.0.0.0/8, `::1`, `localhost`), no user info, query or fragment.
public struct ServiceEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// `https` or `http`.
    public let scheme: String
    /// `host` or `host:port` (IPv6 hosts in brackets).
    public let authority: String
    /// The host without brackets or port.
    public let host: String
    /// The path before the API's own paths: empty, or `/prefix` without a trailing slash.
    public let basePath: String

    /// Checks `text` as the base URL of `service`; a refused one throws `unavailable` naming why
    /// (never the whole URL, which might carry a password).
    public init(_ text: String, service: Service) throws(TransportError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            let rawHost = components.host, !rawHost.isEmpty
        else {
            throw .unavailable(service: service, reason: "the endpoint is not a URL with a host")
        }
        let host = rawHost.hasPrefix("[") ? String(rawHost.dropFirst().dropLast()) : rawHost
        guard components.user == nil, components.password == nil else {
            throw .unavailable(service: service, reason: "the endpoint must not carry a user name or password")
        }
        guard components.query == nil, components.fragment == nil else {
            throw .unavailable(service: service, reason: "the endpoint must not carry a query or fragment")
        }
        switch scheme {
        case "https":
            break
        case "http":
            guard Self.isLoopback(host) else {
                throw .unavailable(service: service, reason: "http:// is allowed for loopback hosts only")
            }
        default:
            throw .unavailable(service: service, reason: "the endpoint must be an https:// URL")
        }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        self.scheme = scheme
        self.host = host.lowercased()
        self.authority = components.port.map { "\(bracketed):\($0)" } ?? bracketed
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        self.basePath = path
    }

    /// `scheme://authority/basePath`.
    public var description: String { "\(scheme)://\(authority)\(basePath)" }

    /// A request for `path` (starting with `/`) under the base, with `query` percent-encoded.
    public func request(
        _ method: HTTPRequest.Method, _ path: String, query: [(String, String)] = [], headerFields: HTTPFields = [:]
    ) -> HTTPRequest {
        var target = basePath + path
        if !query.isEmpty {
            target += "?" + query.map { "\(Self.percentEncoded($0))=\(Self.percentEncoded($1))" }.joined(separator: "&")
        }
        return HTTPRequest(
            method: method, scheme: scheme, authority: authority, path: target, headerFields: headerFields)
    }

    /// Whether `host` is a loopback host (``LoopbackHost``).
    public static func isLoopback(_ host: String) -> Bool { LoopbackHost.contains(host) }

    /// `text` with every byte but the unreserved ones (`A-Z a-z 0-9 - . _ ~`) percent-encoded, so
    /// it is safe as a query value or a path segment.
    public static func percentEncoded(_ text: String) -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.append(byte)
            default:
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hexDigits[Int(byte >> 4)])
                encoded.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// The digits of a percent-encoded byte.
    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
