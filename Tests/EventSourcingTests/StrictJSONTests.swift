import Foundation
import Testing

@testable import EventSourcing

/// The strict reader of payloads reads nested JSON as `JSONSerialization` does, and leaves what it
/// is not sure of.
@Suite struct StrictJSONTests {
    /// A plain rendering of a value, to compare with Foundation's reading of the same bytes.
    static func plain(_ value: StrictJSON) -> Any {
        switch value {
        case .string(let text): text
        case .integer(let number): NSNumber(value: number)
        case .bool(let flag): NSNumber(value: flag)
        case .null: NSNull()
        case .array(let elements): elements.map(plain) as NSArray
        case .object(let members):
            Dictionary(uniqueKeysWithValues: members.map { ($0.name, plain($0.value)) }) as NSDictionary
        }
    }

    static let readable: [String] = [
        #"{"a":[1,-2,"x",null,true,false,{"b":[]}],"c":{}}"#,
        #" [ ] "#,
        #""\u00e9\ud83d\ude00 \"q\" \\ \/""#,
        "-9223372036854775808",
        #"{"deep":"# + String(repeating: "[", count: 31) + String(repeating: "]", count: 31) + "}",
    ]

    @Test(arguments: readable) func aValueItReadsIsReadAsFoundationReadsIt(_ text: String) throws {
        let bytes = Data(text.utf8)
        let value = try #require(StrictJSON(bytes))
        let foundation = try JSONSerialization.jsonObject(with: bytes, options: .fragmentsAllowed)
        #expect((Self.plain(value) as? NSObject)?.isEqual(foundation) == true)
    }

    static let left: [String] = [
        #"{"a":1,"a":2}"#,
        #"{"a":{"b":1,"b":1}}"#,
        #"[1.5]"#,
        #"[1e3]"#,
        #"[tru]"#,
        #"[nul]"#,
        #"[1,]"#,
        #"{"a":1} {}"#,
        #"["\ud83d"]"#,
        String(repeating: "[", count: 33) + String(repeating: "]", count: 33),
        "",
    ]

    @Test(arguments: left) func aValueItIsNotSureOfIsLeft(_ text: String) {
        #expect(StrictJSON(Data(text.utf8)).map { _ in true } == nil)
    }

    /// Given an object naming a member the reader does not know, then it is not sure: a newer
    /// payload type might read that member.
    @Test func anUnknownMemberIsNotRead() throws {
        let json = try #require(StrictJSON(Data(#"{"a":"x","b":"y"}"#.utf8)))
        #expect(throws: StrictJSONFields.NotSure.self) { try StrictJSONFields(json, names: ["a"]) }
        #expect(try StrictJSONFields(json, names: ["a", "b"]).string("b") == "y")
    }

    /// Given null or nothing for an optional member, then it is nil; for a required one, the reader is not sure.
    @Test func nullIsAbsent() throws {
        let json = try #require(StrictJSON(Data(#"{"a":null}"#.utf8)))
        let fields = try StrictJSONFields(json, names: ["a", "b"])
        #expect(try fields.optionalString("a") == nil)
        #expect(try fields.optionalString("b") == nil)
        #expect(throws: StrictJSONFields.NotSure.self) { try fields.string("a") }
    }
}
