import Foundation

/// The keyed container a ``CompactWritable`` value writes its fields into.
package struct CompactKeyedWriter {
    let sink: CompactSink
    /// The level of the container; its fields' values are one deeper.
    let level: Int
    let id: Int

    /// Begins the keyed container of `value` at `level` and has the value write its fields into it.
    static func write(_ value: some CompactWritable, to sink: CompactSink, level: Int) throws {
        let id = try sink.begin(.keyed, at: level)
        try value.write(to: CompactKeyedWriter(sink: sink, level: level, id: id))
    }

    private func entry(_ key: String) throws {
        try sink.enter(id, at: level)
        sink.text(key)
    }

    /// A string field.
    package func write(_ value: String, forKey key: String) throws {
        try entry(key)
        sink.write(value)
    }

    /// An integer field.
    package func write(_ value: Int, forKey key: String) throws {
        try entry(key)
        sink.write(signed: Int64(value))
    }

    /// A 64-bit integer field.
    package func write(_ value: Int64, forKey key: String) throws {
        try entry(key)
        sink.write(signed: value)
    }

    /// A Boolean field.
    package func write(_ value: Bool, forKey key: String) throws {
        try entry(key)
        sink.write(value)
    }

    /// A UUID field, as its 16 bytes.
    package func write(_ value: UUID, forKey key: String) throws {
        try entry(key)
        try sink.write(value, level: level + 1)
    }

    /// A timestamp field, as its milliseconds since 1970 (what its `encode(to:)` writes).
    package func write(_ value: Timestamp, forKey key: String) throws {
        try entry(key)
        try sink.beginValue(at: level + 1)
        sink.write(signed: value.millisecondsSince1970)
    }

    /// A list of strings.
    package func write(_ values: [String], forKey key: String) throws {
        try entry(key)
        let list = try sink.begin(.unkeyed, at: level + 1)
        for value in values {
            try sink.enter(list, at: level + 1)
            sink.counted(at: level + 1)
            sink.write(value)
        }
    }

    /// Strings by string, in key order (as the format writes every dictionary keyed by strings).
    package func write(_ values: [String: String], forKey key: String) throws {
        try entry(key)
        let map = try sink.begin(.keyed, at: level + 1)
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            try sink.enter(map, at: level + 1)
            sink.text(name)
            sink.write(value)
        }
    }

    /// A field that writes its own compact encoding.
    package func write(_ value: some CompactWritable, forKey key: String) throws {
        try entry(key)
        try Self.write(value, to: sink, level: level + 1)
    }

    /// Any other field, as it encodes itself. Not an optional: written so, a nil would be a null
    /// entry where the synthesized conformance leaves the key out (``writeIfPresent(_:forKey:)``);
    /// refused, since overloads cannot keep an optional from matching here.
    package func write<Value: Encodable>(_ value: Value, forKey key: String) throws {
        if Value.self is any CompactOptional.Type {
            throw CompactCodingError.unsupported(
                "writing the optional field \(key) with write(_:forKey:) instead of writeIfPresent")
        }
        try entry(key)
        try sink.write(value, level: level + 1)
    }

    /// A string field, left out when nil.
    package func writeIfPresent(_ value: String?, forKey key: String) throws {
        if let value { try write(value, forKey: key) }
    }

    /// A UUID field, left out when nil.
    package func writeIfPresent(_ value: UUID?, forKey key: String) throws {
        if let value { try write(value, forKey: key) }
    }

    /// A field that writes its own compact encoding, left out when nil.
    package func writeIfPresent(_ value: (some CompactWritable)?, forKey key: String) throws {
        if let value { try write(value, forKey: key) }
    }

    /// Any other field, as it encodes itself, left out when nil.
    package func writeIfPresent(_ value: (some Encodable)?, forKey key: String) throws {
        if let value { try write(value, forKey: key) }
    }
}

/// Marks `Optional`, so the writer can tell an optional field passed where it writes a present one.
protocol CompactOptional {}

extension Optional: CompactOptional {}
