import Foundation

/// An `application/x-www-form-urlencoded` body or query string: `+` is a space, `%XX` a byte.
struct FormBody: Sendable {
    private var pairs: [(name: String, value: String)]

    init(_ text: String) {
        pairs = text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    init(_ data: Data) {
        self.init(String(decoding: data, as: UTF8.self))
    }

    /// The first value named `name`.
    subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
