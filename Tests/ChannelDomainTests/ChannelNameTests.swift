import Foundation
import Testing

@testable import ChannelDomain

@Suite("Channel names")
struct ChannelNameTests {
    @Test("the key is NFC, trimmed and case-folded")
    func keyNormalizes() {
        let decomposed = "  Cafe\u{301} Store\n"
        #expect(ChannelName.key(decomposed) == "caf\u{E9} store")
        #expect(ChannelName.key("EU STORE") == ChannelName.key("eu store"))
        #expect(ChannelName.key("\u{C9}U Store") == ChannelName.key("E\u{301}u store"))
        #expect(ChannelName.key("EU Store") != ChannelName.key("US Store"))
    }

    @Test("the display form is trimmed and NFC, case kept")
    func validatedTrimsAndComposes() throws {
        #expect(try ChannelName.validated("  Cafe\u{301} Store \t") == "Caf\u{E9} Store")
        #expect(try ChannelName.validated("EU Store") == "EU Store")
    }

    @Test("a name of 80 characters is accepted, 81 is not")
    func lengthLimit() throws {
        let eighty = String(repeating: "é", count: 80)
        #expect(try ChannelName.validated(eighty) == eighty)
        let long = eighty + "x"
        #expect(throws: DomainError.invalidChannelName(name: long, problem: .tooLong(limit: 80))) {
            try ChannelName.validated(long)
        }
    }

    @Test("empty and blank names are refused", arguments: ["", "   ", "\n\t"])
    func emptyRefused(raw: String) {
        #expect(throws: DomainError.invalidChannelName(name: raw, problem: .empty)) {
            try ChannelName.validated(raw)
        }
    }

    @Test(
        "control characters inside a name are refused",
        arguments: ["EU\tStore", "EU\nStore", "EU\u{7}Store", "EU\u{0}Store", "EU\u{200B}Store"])
    func controlCharactersRefused(raw: String) {
        #expect(throws: DomainError.invalidChannelName(name: raw, problem: .controlCharacters)) {
            try ChannelName.validated(raw)
        }
    }

    @Test(
        "a name that parses as a UUID is refused",
        arguments: [
            "0192F3A0-0000-7000-8000-000000000001",
            " 0192f3a0-0000-7000-8000-000000000001 ",
        ])
    func uuidRefused(raw: String) throws {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        #expect(throws: DomainError.invalidChannelName(name: trimmed, problem: .looksLikeUUID)) {
            try ChannelName.validated(raw)
        }
    }
}

/// ASCII names are keyed by their bytes, with the verdict Foundation's normalization and folding give.
@Suite struct ChannelNameASCIIKeyTests {
    @Test func everyASCIIByteAnywhereKeysAsFoundationKeysIt() throws {
        for byte in UInt8(0)..<0x80 {
            let character = String(UnicodeScalar(byte))
            for name in [
                character, character + "Shop", "Shop" + character, "US " + character + " Store", "  " + character,
            ] {
                let ascii = try #require(ChannelName.asciiKey(name))
                #expect(ascii == ChannelName.unicodeKey(name), "\(name.debugDescription)")
            }
        }
        #expect(ChannelName.asciiKey("Café") == nil)
        #expect(ChannelName.key(" EU Shop\t") == "eu shop")
        #expect(ChannelName.key("ÉCOLE") == ChannelName.unicodeKey("ÉCOLE"))
    }
}
