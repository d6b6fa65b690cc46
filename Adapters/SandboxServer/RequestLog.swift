import Crypto
import Foundation

/// What each API received, oldest first, for `GET /_sandbox/requests`; secrets and tokens appear only
/// as fingerprints. Keeps the latest `capacity` entries.
public struct RequestLog: Sendable {
    /// Which of the two APIs a call went to.
    public enum API: String, Sendable, Codable {
        /// The Buy with Prime token endpoint and GraphQL API (`/token`, `/graphql`).
        case buyWithPrime = "buy-with-prime"
        /// The Salesforce token endpoint and REST API (`/services/…`).
        case salesforce
    }

    /// One call as the server saw and answered it.
    public struct Entry: Sendable, Equatable, Codable {
        /// When it arrived.
        public var time: Date
        /// The API it went to.
        public var api: API
        /// Its HTTP method.
        public var method: String
        /// Its path, without the query.
        public var path: String
        /// The status answered, or nil when the connection was dropped without an answer.
        public var status: Int?
        /// The `x-api-target-id` header of a GraphQL call.
        public var targetId: String?
        /// The client the call came from: the `client_id` of a token request, or the owner of the token.
        public var clientId: String?
        /// The fingerprint of the `client_secret` of a token request.
        public var secretFingerprint: String?
        /// The fingerprint of the bearer token presented.
        public var tokenFingerprint: String?
        /// The fault played instead of the real answer, by its name (`429`, `drop`, …).
        public var fault: String?

        /// An entry.
        public init(
            time: Date, api: API, method: String, path: String, status: Int? = nil, targetId: String? = nil,
            clientId: String? = nil, secretFingerprint: String? = nil, tokenFingerprint: String? = nil,
            fault: String? = nil
        ) {
            self.time = time
            self.api = api
            self.method = method
            self.path = path
            self.status = status
            self.targetId = targetId
            self.clientId = clientId
            self.secretFingerprint = secretFingerprint
            self.tokenFingerprint = tokenFingerprint
            self.fault = fault
        }

        private enum CodingKeys: String, CodingKey {
            case time, api, method, path, status, targetId, clientId, secretFingerprint, tokenFingerprint, fault
        }

        /// Encodes `time` as RFC 3339 in UTC with milliseconds and `status` as null when dropped.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(RequestLog.timestamp(time), forKey: .time)
            try container.encode(api, forKey: .api)
            try container.encode(method, forKey: .method)
            try container.encode(path, forKey: .path)
            try container.encode(status, forKey: .status)
            try container.encodeIfPresent(targetId, forKey: .targetId)
            try container.encodeIfPresent(clientId, forKey: .clientId)
            try container.encodeIfPresent(secretFingerprint, forKey: .secretFingerprint)
            try container.encodeIfPresent(tokenFingerprint, forKey: .tokenFingerprint)
            try container.encodeIfPresent(fault, forKey: .fault)
        }

        /// Decodes what ``encode(to:)`` wrote.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let text = try container.decode(String.self, forKey: .time)
            guard let time = RequestLog.date(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .time, in: container, debugDescription: "not an RFC 3339 time with milliseconds")
            }
            self.time = time
            api = try container.decode(API.self, forKey: .api)
            method = try container.decode(String.self, forKey: .method)
            path = try container.decode(String.self, forKey: .path)
            status = try container.decodeIfPresent(Int.self, forKey: .status)
            targetId = try container.decodeIfPresent(String.self, forKey: .targetId)
            clientId = try container.decodeIfPresent(String.self, forKey: .clientId)
            secretFingerprint = try container.decodeIfPresent(String.self, forKey: .secretFingerprint)
            tokenFingerprint = try container.decodeIfPresent(String.self, forKey: .tokenFingerprint)
            fault = try container.decodeIfPresent(String.self, forKey: .fault)
        }
    }

    /// The most entries kept; older ones are forgotten first.
    public let capacity: Int
    /// The entries, oldest first.
    public private(set) var entries: [Entry] = []

    /// An empty log keeping at most `capacity` entries.
    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
    }

    /// Records a call.
    public mutating func append(_ entry: Entry) {
        entries.append(entry)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }

    /// Forgets every entry.
    public mutating func clear() {
        entries.removeAll()
    }

    /// A secret's or a token's fingerprint: the first 8 hex digits of its SHA-256, enough to tell two
    /// apart in a log and useless to recover either.
    public static func fingerprint(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).prefix(4).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// `2026-01-31T09:15:02.123Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    /// Parses what ``timestamp(_:)`` writes.
    static func date(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt).parse(text)
    }
}
