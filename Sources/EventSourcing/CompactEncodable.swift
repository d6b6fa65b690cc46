import Foundation

/// A value the compact format writes its own way rather than as it encodes itself: `Data` and
/// `UUID` as their bytes, and dictionaries keyed by strings or integers with their keys in order,
/// so that equal values are equal bytes (a dictionary's own order differs from one to the next).
protocol CompactEncodable {
    func write(to sink: CompactSink, level: Int) throws
}

extension Data: CompactEncodable {
    func write(to sink: CompactSink, level: Int) throws { try sink.write(self, level: level) }
}

extension UUID: CompactEncodable {
    func write(to sink: CompactSink, level: Int) throws { try sink.write(self, level: level) }
}

extension Dictionary: CompactEncodable where Key: Encodable, Value: Encodable {
    func write(to sink: CompactSink, level: Int) throws {
        if let byString = self as? [String: Value] {
            try Self.write(byString.sorted { $0.key < $1.key }, to: sink, level: level)
        } else if let byInt = self as? [Int: Value] {
            try Self.write(byInt.sorted { $0.key < $1.key }.map { (String($0.key), $0.value) }, to: sink, level: level)
        } else {
            // Other keys as the dictionary encodes itself, in its own order (no read model has them).
            try sink.writeItself(self, level: level)
        }
    }

    private static func write(_ entries: [(String, Value)], to sink: CompactSink, level: Int) throws {
        let id = try sink.begin(.keyed, at: level)
        for (key, value) in entries {
            try sink.enter(id, at: level)
            sink.text(key)
            try sink.write(value, level: level + 1)
        }
    }
}
