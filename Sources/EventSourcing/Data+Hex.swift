import Foundation

/// Hashes and ids as hexadecimal text, as output and the export format write them.
extension Data {
    /// Lower-case hexadecimal digits.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Bytes from lower-case or upper-case hexadecimal digits; nil if the text is not hex.
    public init?(hex: String) {
        var text = hex
        let decoded = text.withUTF8 { digits -> Data? in
            guard digits.count % 2 == 0 else { return nil }
            var bytes = Data(count: digits.count / 2)
            let valid = bytes.withUnsafeMutableBytes { out in
                for offset in 0..<out.count {
                    guard let high = digits[2 * offset].hexDigitValue, let low = digits[2 * offset + 1].hexDigitValue
                    else {
                        return false
                    }
                    out[offset] = high << 4 | low
                }
                return true
            }
            return valid ? bytes : nil
        }
        guard let decoded else { return nil }
        self = decoded
    }
}

extension UInt8 {
    /// The value of an ASCII hex digit (either case); nil for any other byte.
    var hexDigitValue: UInt8? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): self - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): self - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): self - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
