import Foundation

extension UUID {
    /// A UUID from its canonical text (8-4-4-4-12 hex digits, either case), read by its bytes;
    /// any other text through `UUID(uuidString:)`, whose verdict stands. An import reads three
    /// per event, and Foundation's reader costs more than the rest of the line here.
    init?(canonical text: String) {
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed =
            text.utf8.count == 36
            && withUnsafeMutableBytes(of: &bytes) { out in
                var index = 0
                var high: UInt8?
                for (offset, byte) in text.utf8.enumerated() {
                    if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                        guard byte == UInt8(ascii: "-") else { return false }
                        continue
                    }
                    guard let digit = byte.hexDigitValue else { return false }
                    if let first = high {
                        out[index] = first << 4 | digit
                        index += 1
                        high = nil
                    } else {
                        high = digit
                    }
                }
                return index == 16
            }
        if parsed {
            self.init(uuid: bytes)
        } else {
            self.init(uuidString: text)
        }
    }
}
