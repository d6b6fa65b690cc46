import Foundation
import Testing

@testable import EventSourcing

/// The import's own reader of event lines agrees with `JSONDecoder` on every line it reads, and
/// leaves every other line to it.
@Suite struct FlatJSONObjectTests {
    static let hash = String(repeating: "ab", count: 32)
    static let fields =
        #""position":7,"eventId":"01a22607-55f9-7bea-949d-d4dd6da694fd","stream":"channel:a","version":2,"#
        + #""type":"ChannelRenamed","schemaVersion":1,"recordedAt":-1795000000000,"actor":"ana","#
        + #""source":"cli","hash":""# + hash + #"""#

    /// Lines an export writes, and the same objects as another writer might put them: keys in
    /// another order, spaces, escapes, unknown members, nulls for optional fields.
    static let readable: [String] = [
        "{" + fields + #","payload":"{\"from\":\"A\",\"to\":\"B\"}"}"#,
        "{" + fields
            + #","payloadBase64":"AAEC","correlationId":null,"causationId":"01a22607-55f9-7bea-949d-d4dd6da694fd"}"#,
        " {\t" + fields.replacingOccurrences(of: ",", with: " ,\r\n ") + #" , "payload" : "x" }  "#,
        "{" + fields + #","payload":"\u00e9\ud83d\ude00\n\t\"\\\/\b\f\r é","future":"ignored"}"#,
        "{" + fields + #","payload":"\u0000 after a NUL"}"#,
        #"{"payload":"{}","# + fields + "}",
        "{" + fields.replacingOccurrences(of: ":7,", with: ":9223372036854775807,") + #","payload":""}"#,
    ]

    /// Lines it leaves to `JSONDecoder`, valid JSON or not.
    static let left: [String] = [
        "{" + fields + #","payload":{"nested":true}}"#,
        "{" + fields + #","payload":"x","payload":"y"}"#,
        "{" + fields.replacingOccurrences(of: ":7,", with: ":7.0,") + "}",
        "{" + fields.replacingOccurrences(of: ":7,", with: ":7e0,") + "}",
        "{" + fields.replacingOccurrences(of: ":7,", with: ":07,") + "}",
        "{" + fields.replacingOccurrences(of: ":7,", with: ":9223372036854775808,") + "}",
        "{" + fields + #","payload":"\ud83d"}"#,
        "{" + fields + #","payload":"\ude00"}"#,
        "{" + fields + #","payload":"\x"}"#,
        "{" + fields + ",\"payload\":\"a\u{01}b\"}",
        "{" + fields + #","payload":true}"#,
        "{" + fields + "} trailing",
        "{" + fields + ",}",
        "[" + fields + "]",
        "{" + fields,
        "",
    ]

    @Test(arguments: readable) func aLineItReadsEqualsJSONDecoders(_ text: String) throws {
        let line = Data(text.utf8)
        let object = try #require(FlatJSONObject(line))
        let fast = try #require(LogExport.Line(object))
        #expect(fast == (try JSONDecoder().decode(LogExport.Line.self, from: line)))
        #expect(try LogExport.event(line) == JSONDecoder().decode(LogExport.Line.self, from: line).event())
    }

    @Test(arguments: left) func aLineItLeavesIsLeftWhole(_ text: String) {
        #expect(FlatJSONObject(Data(text.utf8)) == nil)
    }

    /// Given bytes that are not UTF-8 inside a string, then it leaves the line, as `JSONDecoder` refuses it.
    @Test func invalidUTF8IsLeft() {
        var line = Data(("{" + Self.fields + #","payload":""#).utf8)
        line.append(contentsOf: [0xC3, 0x28])
        line.append(contentsOf: Array(#""}"#.utf8))
        #expect(FlatJSONObject(line) == nil)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(LogExport.Line.self, from: line) }
    }

    /// Given an optional field of another type, then the line is not read here (JSONDecoder refuses it).
    @Test func anOptionalFieldOfAnotherTypeIsLeftToJSONDecoder() throws {
        let line = Data(("{" + Self.fields + #","correlationId":5}"#).utf8)
        let object = try #require(FlatJSONObject(line))
        #expect(LogExport.Line(object) == nil)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(LogExport.Line.self, from: line) }
    }
}
