import Foundation

/// Rules for channel names: the display form and the key that makes names unique.
public enum ChannelName {
    /// The key reserved for the channel an upgrade creates.
    public static let reservedKey = "default"
    /// The name the upgrade gives that channel.
    public static let defaultName = "Default"

    /// The uniqueness key of a name: NFC, trimmed, case-folded.
    public static func key(_ raw: String) -> String {
        asciiKey(raw) ?? unicodeKey(raw)
    }

    /// The key of an all-ASCII name, by its bytes (NFC leaves ASCII as it is, the trimmed
    /// characters are 0x09–0x0D and the space, folding lower-cases A–Z): what ``unicodeKey(_:)``
    /// gives, without Foundation's normalization, which a fold of many renames spent a third of
    /// its time in. Nil for any other name.
    static func asciiKey(_ raw: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        for byte in raw.utf8 {
            guard byte < 0x80 else { return nil }
            bytes.append((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte)
        }
        let trimmed = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard let first = bytes.firstIndex(where: { !trimmed($0) }), let last = bytes.lastIndex(where: { !trimmed($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// The key of any name, through Foundation's normalization and folding.
    static func unicodeKey(_ raw: String) -> String {
        raw.precomposedStringWithCanonicalMapping
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCanonicalMapping
    }

    /// The display form of a name (trimmed, NFC), or a thrown ``DomainError`` when it is not acceptable.
    public static func validated(_ raw: String) throws -> String {
        switch TextRule.name.check(raw) {
        case .success(let name): return name
        case .failure(let problem):
            let shown = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
            throw DomainError.invalidChannelName(name: problem == .empty ? raw : shown, problem: problem)
        }
    }
}
