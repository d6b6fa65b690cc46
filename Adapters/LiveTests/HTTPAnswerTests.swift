import Foundation
import HTTPTypes
import LiveHTTP
import Testing

/// The cheap look into a body before a decode only some answers need.
@Suite("HTTPAnswer.bodyContains")
struct HTTPAnswerTests {
    static func answer(_ body: String) -> HTTPAnswer {
        HTTPAnswer(response: HTTPResponse(status: .ok), body: Data(body.utf8))
    }

    @Test(
        "finds the bytes wherever they are, and only whole",
        arguments: [
            (#"{"errors":[]}"#, true), (#"{"data":{},"errors":[{"message":"x"}]}"#, true), (#"x"errors""#, true),
            (#"{"data":{"order":null}}"#, false), (#"{"data":"errors"#, false), (#""error"s"#, false), ("", false),
            (#""e"e"er"err"erro"error"errors"#, false), (#""e"e"er"err"erro"error"errors""#, true),
        ])
    func contains(body: String, found: Bool) {
        #expect(Self.answer(body).bodyContains(#""errors""#) == found)
    }
}
