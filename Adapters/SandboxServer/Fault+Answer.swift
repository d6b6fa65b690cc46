import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle

extension Fault {
    /// How many bytes an oversized answer has: 6 MiB, past any sane client's cap.
    static let oversizedLength = 6 * 1024 * 1024
    /// How long a stalled answer lasts before the server closes its connection.
    public static let stallLimit = Duration.seconds(120)

    /// The answer this fault plays on `route` instead of the real one; nil for `delay`, `late` and `drop`,
    /// which the middleware plays itself. `channel` is closed by `cut` once its first bytes are sent,
    /// and by `stall` after ``stallLimit`` or when the server stops.
    func answer(for route: APIRoute, channel: any Channel) -> Response? {
        switch self {
        case .delay, .late, .drop:
            return nil
        case .unauthorized:
            return Self.unauthorized(route)
        case .throttled(let retryAfter):
            return Self.throttled(route, headers: [.retryAfter: String(retryAfter)])
        case .serverError:
            return Self.serverError(route)
        case .malformed:
            let page = "<html><body><h1>Sandbox fault</h1><p>This answer is not JSON.</p></body></html>\n"
            return .bytes(.ok, Data(page.utf8), contentType: "application/json")
        case .oversized:
            return Self.oversized(route)
        case .cut:
            return Self.cut(channel: channel)
        case .stall:
            return Self.stall(channel: channel)
        }
    }

    private static func unauthorized(_ route: APIRoute) -> Response {
        switch route {
        case .buyWithPrimeToken:
            .json(.unauthorized, WireError.oauth("invalid_client", "Client authentication failed"))
        case .salesforceToken:
            .json(.unauthorized, WireError.oauth("invalid_client", "invalid client credentials"))
        case .buyWithPrimeGraphQL:
            .json(.unauthorized, ["message": "Unauthorized"])
        case .salesforceREST:
            .json(.unauthorized, SalesforceError.body([.invalidSession]))
        }
    }

    private static func throttled(_ route: APIRoute, headers: HTTPFields) -> Response {
        switch route {
        case .buyWithPrimeToken, .salesforceToken:
            .json(.tooManyRequests, WireError.oauth("rate_limit_exceeded", "Too many token requests"), headers: headers)
        case .buyWithPrimeGraphQL:
            .json(.tooManyRequests, WireError.graphQL("ThrottlingError", "Rate exceeded"), headers: headers)
        case .salesforceREST:
            .json(
                .tooManyRequests,
                SalesforceError.body([
                    SalesforceError(errorCode: "REQUEST_LIMIT_EXCEEDED", message: "Too many requests; try again later")
                ]), headers: headers)
        }
    }

    private static func serverError(_ route: APIRoute) -> Response {
        switch route {
        case .buyWithPrimeToken, .salesforceToken:
            .json(.internalServerError, WireError.oauth("server_error", "The server failed"))
        case .buyWithPrimeGraphQL:
            .json(.internalServerError, WireError.graphQL("InternalServerError", "Internal server error"))
        case .salesforceREST:
            .json(
                .internalServerError,
                SalesforceError.body([
                    SalesforceError(errorCode: "UNKNOWN_EXCEPTION", message: "An unexpected error occurred.")
                ]))
        }
    }

    /// A 200 of ``oversizedLength`` bytes of valid JSON in the route's shape, streamed.
    private static func oversized(_ route: APIRoute) -> Response {
        let opening: String
        let closing: String
        switch route {
        case .buyWithPrimeToken, .salesforceToken:
            (opening, closing) = (#"{"token_type": "Bearer", "padding": ""#, #""}"#)
        case .buyWithPrimeGraphQL:
            (opening, closing) = (#"{"data": {"order": {"id": "322-OVER-000001", "padding": ""#, #""}}}"#)
        case .salesforceREST:
            (opening, closing) = (#"{"totalSize": 0, "done": true, "records": [], "padding": ""#, #""}"#)
        }
        let padding = oversizedLength - opening.utf8.count - closing.utf8.count
        let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 * 1024)
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(contentLength: oversizedLength) { writer in
                try await writer.write(ByteBuffer(string: opening))
                var left = padding
                while left > 0 {
                    let size = min(left, chunk.readableBytes)
                    try await writer.write(chunk.getSlice(at: chunk.readerIndex, length: size) ?? chunk)
                    left -= size
                }
                try await writer.write(ByteBuffer(string: closing))
                try await writer.finish(nil)
            })
    }

    /// A 200 whose `Content-Length` promises 2048 bytes of JSON; a quarter is sent, then the connection closes.
    private static func cut(channel: any Channel) -> Response {
        partial { writer, sent in
            try await writer.write(sent)
            try await channel.close()
        }
    }

    /// The same first quarter, then nothing: the connection is closed after ``stallLimit``, or
    /// once the server begins to stop. (A client that goes away only half-closes it, which the
    /// server's connection does not end on.)
    private static func stall(channel: any Channel) -> Response {
        partial { writer, sent in
            try await writer.write(sent)
            let clock = ContinuousClock()
            let end = clock.now + stallLimit
            while channel.isActive, !Task.isShuttingDownGracefully, clock.now < end {
                try await Task.sleep(for: .milliseconds(50))
            }
            try await channel.close()
        }
    }

    /// A 200 promising 2048 bytes of JSON whose body is `play`, given the first quarter to send;
    /// the body then ends without its end.
    private static func partial(
        _ play: @escaping @Sendable (inout any ResponseBodyWriter, ByteBuffer) async throws -> Void
    ) -> Response {
        let text = #"{"data": {"order": {"id": "322-CUT0-000001", "padding": ""#
        let whole = Data((text + String(repeating: "x", count: 2048 - text.utf8.count - 4) + #""}}}"#).utf8)
        let sent = ByteBuffer(bytes: whole.prefix(whole.count / 4))
        return Response(
            status: .ok, headers: [.contentType: "application/json", .contentLength: String(whole.count)],
            body: ResponseBody { writer in
                try await play(&writer, sent)
                throw CutShort()
            })
    }

    /// Ends a cut answer's body without its end.
    struct CutShort: Error {}
}
