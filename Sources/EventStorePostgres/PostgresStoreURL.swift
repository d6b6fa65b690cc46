import Foundation

/// Where a ``PostgresEventStore`` lives:
/// `postgres://user[:password]@host[:port]/database[?schema=NAME&sslmode=MODE]`.
///
/// The password comes from the URL (percent-encoded) or, when the URL has none, from `PGPASSWORD`.
/// It is never part of ``description``, `debugDescription` or a reflection of the value, and
/// parse errors never quote the URL. Missing parts default as `psql` does: the user from `PGUSER`
/// or the login name, the host from `PGHOST` or `localhost`, the port from `PGPORT` or 5432, the
/// database from `PGDATABASE` or the user name. `schema` (default `public`) selects the PostgreSQL
/// schema holding the store's tables, so several stores can share one database.
public struct PostgresStoreURL: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// How the connection uses TLS, named as libpq's `sslmode`.
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain TCP only.
        case disable
        /// TLS when the server offers it, without verifying its certificate (libpq's default).
        case prefer
        /// TLS or no connection, without verifying the certificate.
        case require
        /// TLS with the certificate verified against the system's roots and the host name.
        case verifyFull = "verify-full"
    }

    /// The login role.
    public let user: String
    /// The server's host name or address.
    public let host: String
    /// The server's TCP port.
    public let port: Int
    /// The database name.
    public let database: String
    /// The PostgreSQL schema that holds the store's tables (`public` unless `?schema=` says otherwise).
    public let schema: String
    /// How the connection uses TLS.
    public let tls: TLSMode
    /// The password, from the URL or `PGPASSWORD`; never printed.
    let password: String?

    /// Whether a `--store` value names a PostgreSQL store rather than a file.
    public static func isPostgresURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Parses a store URL, taking defaults (and the password, when the URL has none) from `environment`.
    public init(
        _ text: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PostgresStoreError) {
        guard let schemeEnd = text.range(of: "://"), Self.isPostgresURL(text) else {
            throw .invalidURL("it does not start with postgres://")
        }
        var rest = text[schemeEnd.upperBound...]
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        let authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count).dropFirst()

        var user: String?, password: String?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            let colon = userInfo.firstIndex(of: ":")
            user = try Self.decoded(userInfo[..<(colon ?? userInfo.endIndex)], "the user name")
            if let colon { password = try Self.decoded(userInfo[userInfo.index(after: colon)...], "the password") }
        }

        var host: Substring = hostPort, portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw .invalidURL("an IPv6 host lacks its ]") }
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidURL("unexpected text after the IPv6 host") }
                portText = after.dropFirst()
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            portText = hostPort[hostPort.index(after: colon)...]
        }

        var schema = "public", tls = TLSMode.prefer
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = try Self.decoded(parts.count == 2 ? parts[1] : "", "a query parameter")
            switch parts[0] {
            case "schema":
                guard Self.isSchemaName(value) else {
                    throw .invalidURL(
                        "schema must be 1 to 48 lower-case letters, digits or _, starting with a letter or _")
                }
                schema = value
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw .invalidURL("sslmode must be disable, prefer, require or verify-full")
                }
                tls = mode
            default:
                throw .invalidURL("it has an unknown query parameter; only schema and sslmode are understood")
            }
        }

        let resolvedUser = user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? NSUserName()
        let hostName = try Self.decoded(host, "the host")
        self.user = resolvedUser
        self.host = hostName.isEmpty ? (environment["PGHOST"] ?? "localhost") : hostName
        guard let port = Int(portText.map(String.init) ?? environment["PGPORT"] ?? "5432"), (1...65_535).contains(port)
        else { throw .invalidURL("the port must be a number from 1 to 65535") }
        self.port = port
        let database = try Self.decoded(path, "the database name")
        guard !database.contains("/") else { throw .invalidURL("the database name contains /") }
        self.database = database.isEmpty ? (environment["PGDATABASE"] ?? resolvedUser) : database
        self.schema = schema
        self.tls = tls
        self.password = password ?? environment["PGPASSWORD"]
        for (field, value) in [("user name", self.user), ("host", self.host), ("database name", self.database)]
        where value.isEmpty || value.utf8.contains(0) {
            throw .invalidURL("the \(field) is empty or contains U+0000")
        }
        // A host name or address never holds whitespace or control characters; with them the URL
        // was mistyped or unquoted, and resolving it would only say the host is unknown.
        guard
            !self.host.unicodeScalars.contains(where: {
                $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F
            })
        else { throw .invalidURL("the host contains a space or a control character") }
    }

    /// Whether a password was given (in the URL or `PGPASSWORD`).
    public var hasPassword: Bool { password != nil }

    /// The URL without its password: `postgres://user@host:port/database`, plus the non-default parameters.
    public var description: String {
        let hostText = host.contains(":") ? "[\(host)]" : host
        var parameters: [String] = []
        if schema != "public" { parameters.append("schema=\(schema)") }
        if tls != .prefer { parameters.append("sslmode=\(tls.rawValue)") }
        let query = parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&")
        return "postgres://\(Self.encoded(user))@\(hostText):\(port)/\(Self.encoded(database))\(query)"
    }

    /// The same as ``description``: the password is never shown.
    public var debugDescription: String { description }

    /// A mirror without the password.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "user": user, "host": host, "port": port, "database": database, "schema": schema, "tls": tls,
                "hasPassword": hasPassword,
            ])
    }

    /// Whether a schema name is safe to use unquoted-equivalent in DDL and as part of a channel name.
    static func isSchemaName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 48 else { return false }
        let allowed = { (byte: UInt8) in (byte >= 97 && byte <= 122) || byte == 95 || (byte >= 48 && byte <= 57) }
        return allowed(first) && !(first >= 48 && first <= 57) && name.utf8.allSatisfy(allowed)
    }

    private static func decoded(_ text: Substring, _ what: String) throws(PostgresStoreError) -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw .invalidURL("\(what) has a malformed %-escape")
        }
        return decoded
    }

    private static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/?")))
            ?? text
    }
}
