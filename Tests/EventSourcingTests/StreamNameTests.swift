import Testing

@testable import EventSourcing

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
        for byte in UInt8(0)..<0x80 {
            let character = String(UnicodeScalar(byte))
            for text in [
                character + "x:y", "c" + character + "x:y", "c:" + character, "c:x" + character + "y", "c" + character,
            ] {
                #expect(
                    StreamName.isValidASCII(text.utf8) == StreamName.isValidByCharacters(text),
                    "\(text.debugDescription)")
                #expect(((try? StreamName(text)) != nil) == StreamName.isValidByCharacters(text))
            }
        }
        for length in [199, 200, 201] {
            let text = "c:" + String(repeating: "x", count: length)
            #expect(StreamName.isValidASCII(text.utf8) == StreamName.isValidByCharacters(text), "an id of \(length)")
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
