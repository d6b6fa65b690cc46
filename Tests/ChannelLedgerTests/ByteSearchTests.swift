import ChannelLedgerTesting
import Foundation
import Testing

@testable import ChannelLedger

/// `Data.contains(bytes:)`, which finds the lines that can forget a customer before a one-pass
/// import writes: it must agree with a plain search wherever the needle is, or is not.
@Suite struct ByteSearchTests {
    @Test(arguments: [
        ("CustomerForgotten", "CustomerForgotten", true),
        ("{\"type\":\"CustomerForgotten\"}", "CustomerForgotten", true),
        ("x CustomerForgotten", "CustomerForgotten", true),
        ("CCustomerForgotten", "CustomerForgotten", true),
        ("CustomerForgotte", "CustomerForgotten", false),
        ("ustomerForgotten", "CustomerForgotten", false),
        ("Customer Forgotten", "CustomerForgotten", false),
        ("", "CustomerForgotten", false),
        ("a\\\"b\\u0046", "\\u", true),
        ("a\\\"b\\", "\\u", false),
        ("anything", "", false),
    ])
    func findsTheNeedleWhereverItIs(haystack: String, needle: String, found: Bool) {
        #expect(Data(haystack.utf8).contains(bytes: Array(needle.utf8)) == found)
    }

    /// Given random lines over a small alphabet, then the search agrees with `Data.range(of:)`.
    @Test func agreesWithFoundationOnRandomBytes() {
        var generator = SplitMix(state: 0xb17e5)
        let alphabet = Array("ab\\u".utf8)
        for _ in 0..<2_000 {
            let haystack = Data((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement()! })
            let needle = (0..<Int.random(in: 1...4, using: &generator)).map { _ in alphabet.randomElement()! }
            #expect(
                haystack.contains(bytes: needle) == (haystack.range(of: Data(needle)) != nil),
                "\(Array(haystack)) \(needle)")
        }
    }
}
