import Foundation
import HTTPTypes
import LiveHTTP
import Testing
import Transport

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

    @Test(
        "a redirect is unavailable (the endpoint is wrong), never a rejection that would be recorded",
        arguments: [301, 302, 307, 308])
    func redirects(status: Int) {
        let call = HTTPCall(
            service: .buyWithPrime, operation: "buy-with-prime.token",
            request: HTTPRequest(method: .post, scheme: "https", authority: "api.example.com", path: "/token"),
            timeout: .seconds(1), isIdempotent: false)
        let answer = HTTPAnswer(response: HTTPResponse(status: .init(code: status)))
        guard case .unavailable(.buyWithPrime, let reason)? = answer.sharedFailure(of: call) else {
            Issue.record("expected unavailable, got \(String(describing: answer.sharedFailure(of: call)))")
            return
        }
        #expect(reason.contains("redirect"))
    }
}
