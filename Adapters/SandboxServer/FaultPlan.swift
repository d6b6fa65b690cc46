/// The faults waiting for their calls: each applies to the next `count` calls of its route, in the
/// order they were planned. A value: the server keeps one in its state and takes from it per call.
public struct FaultPlan: Sendable, Equatable {
    /// Which calls a fault applies to: `*` for any API call, else `METHOD /path` where the method may
    /// be `*` and a path ending in `*` matches by prefix (`PATCH /services/data/v62.0/sobjects/*`).
    public struct Route: Sendable, Equatable, CustomStringConvertible {
        /// The method to match, or nil for any.
        public var method: String?
        /// The path to match (without the query), or its prefix when `isPrefix`.
        public var path: String?
        /// Whether `path` matches by prefix.
        public var isPrefix: Bool

        /// Parses `*` or `METHOD /path`; nil for anything else.
        public init?(_ text: String) {
            let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if parts == ["*"] {
                (method, path, isPrefix) = (nil, nil, false)
                return
            }
            guard parts.count == 2, let raw = parts.last, raw.hasPrefix("/") else { return nil }
            method = parts[0] == "*" ? nil : parts[0].uppercased()
            isPrefix = raw.hasSuffix("*")
            path = isPrefix ? String(raw.dropLast()) : raw
        }

        /// Whether a call of `method` to `path` is one of this route's.
        public func matches(method: String, path: String) -> Bool {
            if let expected = self.method, expected != method.uppercased() { return false }
            guard let expected = self.path else { return true }
            return isPrefix ? path.hasPrefix(expected) : path == expected
        }

        /// `*` or `METHOD /path`, as it was planned.
        public var description: String {
            guard let path else { return "*" }
            return "\(method ?? "*") \(path)\(isPrefix ? "*" : "")"
        }
    }

    /// One planned fault and how many calls it still applies to.
    public struct Entry: Sendable, Equatable {
        /// The calls it applies to.
        public var route: Route
        /// The fault.
        public var fault: Fault
        /// How many more calls it applies to.
        public var remaining: Int
    }

    /// The faults still pending, oldest first.
    public private(set) var entries: [Entry] = []

    /// An empty plan.
    public init() {}

    /// Plans `fault` for the next `count` calls of `route`.
    public mutating func add(_ fault: Fault, route: Route, count: Int) {
        guard count > 0 else { return }
        entries.append(Entry(route: route, fault: fault, remaining: count))
    }

    /// The fault for this call, if one is planned for it; it counts as used.
    public mutating func take(method: String, path: String) -> Fault? {
        guard let index = entries.firstIndex(where: { $0.route.matches(method: method, path: path) }) else {
            return nil
        }
        let fault = entries[index].fault
        entries[index].remaining -= 1
        if entries[index].remaining == 0 { entries.remove(at: index) }
        return fault
    }

    /// Forgets every pending fault.
    public mutating func clear() {
        entries.removeAll()
    }
}
