import Foundation
import Testing

@testable import EventSourcing

/// Hashes and ids as hexadecimal text, both ways.
@Suite struct DataHexTests {
    @Test func bytesRoundTripThroughTheirDigits() {
        for bytes in [Data(), Data([0]), Data([0x00, 0x0f, 0xf0, 0xff, 0xab]), Data((0...255).map(UInt8.init))] {
            #expect(Data(hex: bytes.hexString) == bytes)
            #expect(Data(hex: bytes.hexString.uppercased()) == bytes)
        }
        #expect(Data(hex: "0aFf") == Data([0x0a, 0xff]))
    }

    @Test func textThatIsNotHexReadsAsNothing() {
        for text in ["0", "abc", "0g", "g0", "0x12", " 12", "12 ", "é0", "--"] {
            #expect(Data(hex: text) == nil, "\(text)")
        }
    }
}
