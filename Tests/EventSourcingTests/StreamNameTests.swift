import EventSourcing
import Testing

@Suite struct StreamNameTests {
    @Test(arguments: [
        "connected-app", "ledger", "channel:0192f3a0-7000-8000", "order:ABC-123_x.y/z", "association-rules",
        "a1:b", "channel:café-☕", "order:" + String(repeating: "x", count: 200), "channel:a:b",
    ])
    func acceptsValidNames(text: String) throws {
        let name = try StreamName(text)
        #expect(name.rawValue == text)
        #expect(name.description == text)
    }

    @Test(arguments: [
        "", ":x", "Channel:x", "channel:", "channel:a b", "channel:a\tb", "channel:a\nb", "1channel:x", "-x:y",
        "chan_nel:x", "chan nel:x", "café:x", "order:" + String(repeating: "x", count: 201), "CHANNEL",
    ])
    func rejectsInvalidNames(text: String) {
        #expect(throws: StreamNameError.invalid(text)) { try StreamName(text) }
    }

    /// Every ASCII byte in a category and in an id: names are checked by their bytes when they are
    /// ASCII, with the same verdict as the check by characters that other names get.
    @Test func everyASCIIByteGetsTheVerdictOfTheCheckByCharacters() {
        func byCharacters(_ text: String) -> Bool {
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard let category = parts.first, let first = category.first, first.isASCII, first.isLowercase,
                category.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" })
            else { return false }
            guard parts.count == 2 else { return true }
            return !parts[1].isEmpty && parts[1].count <= 200
                && !parts[1].contains(where: { $0.isWhitespace || $0.isNewline })
        }
        for byte in UInt8(0)..<0x80 {
            let character = String(UnicodeScalar(byte))
            for text in [
                character + "x:y", "c" + character + "x:y", "c:" + character, "c:x" + character + "y", "c" + character,
            ] {
                #expect(((try? StreamName(text)) != nil) == byCharacters(text), "\(text.debugDescription)")
            }
        }
    }

    @Test func splitsCategoryAndID() throws {
        let name = try StreamName("channel:abc:def")
        #expect(name.category == "channel")
        #expect(name.id == "abc:def")
        #expect(try StreamName("connected-app").id == nil)
        #expect(try StreamName("connected-app").category == "connected-app")
        #expect(StreamName(category: "order", id: "42").rawValue == "order:42")
        #expect(try StreamName("a:1") < StreamName("b:0"))
        #expect(StreamNameError.invalid("x y").description.contains("category:id"))
    }
}
