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
