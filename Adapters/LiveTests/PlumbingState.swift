import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The fake's faults and request log.
actor PlumbingState {
    private var faults: [PlumbingServer.Fault] = []
    private(set) var recorded: [PlumbingServer.Recorded] = []

    func add(_ fault: PlumbingServer.Fault) { faults.append(fault) }

    func clear() { recorded = [] }

    /// Answers `route`: with its pending fault if any, else with `answer(form, body)`; records the call.
    func handle(
        _ route: String, api: String, _ request: Request,
        answer: @Sendable ([String: String], String) async throws -> (Int, String)
    ) async throws -> Response {
        let body = String(buffer: try await request.collectBodyForTest())
        let form = Self.form(body)
        let response: Response
        var status = 200
        if let fault = takeFault(for: route) {
            (status, response) = try await Self.respond(with: fault, route: route) {
                try await answer(form, body)
            }
        } else {
            let (code, text) = try await answer(form, body)
            status = code
            response = Self.json(code, text)
        }
        let parts = route.split(separator: " ", maxSplits: 1)
        recorded.append(
            .init(
                time: ISO8601DateFormatter().string(from: Date()), api: api, method: String(parts[0]),
                path: String(parts[1]), status: status,
                targetId: request.headers[HTTPField.Name("x-api-target-id")!], clientId: form["client_id"]))
        return response
    }

    private func takeFault(for route: String) -> PlumbingServer.Fault? {
        guard let index = faults.firstIndex(where: { ($0.route == route || $0.route == "*") && $0.count > 0 }) else {
            return nil
        }
        faults[index].count -= 1
        return faults[index]
    }

    private static func respond(
        with fault: PlumbingServer.Fault, route: String, normal: () async throws -> (Int, String)
    ) async throws -> (Int, Response) {
        switch fault.fault {
        case "401":
            return (401, json(401, PlumbingServer.expiredSession))
        case "429":
            var response = json(429, #"{"message": "slow down"}"#)
            if let seconds = fault.retryAfter { response.headers[.retryAfter] = String(seconds) }
            return (429, response)
        case "500":
            return (500, json(500, #"{"message": "internal"}"#))
        case "delay":
            try await Task.sleep(for: .milliseconds(fault.delayMs ?? 1000))
            let (code, text) = try await normal()
            return (code, json(code, text))
        case "malformed":
            return (
                200,
                Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: .init(string: "{not json")))
            )
        case "cut":
            let body = ResponseBody(contentLength: 1000) { writer in
                try await writer.write(ByteBuffer(string: #"{"data": {"#))
                throw CancellationError()
            }
            return (200, Response(status: .ok, headers: [.contentType: "application/json"], body: body))
        case "oversized":
            let body = ResponseBody { writer in
                try await writer.write(ByteBuffer(string: #"{"data": ""#))
                for _ in 0..<32 {
                    try await writer.write(ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 * 1024))
                }
                try await writer.write(ByteBuffer(string: #""}"#))
                try await writer.finish(nil)
            }
            return (200, Response(status: .ok, headers: [.contentType: "application/json"], body: body))
        default:
            return (500, json(500, #"{"message": "unknown fault"}"#))
        }
    }

    static func json(_ status: Int, _ text: String) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[HTTPField.Name("Sforce-Limit-Info")!] = "api-usage=1/15000"
        return Response(
            status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func form(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            fields[decode(parts[0])] = decode(parts[1])
        }
        return fields
    }
}

extension Request {
    /// The whole body (at most 1 MiB).
    fileprivate func collectBodyForTest() async throws -> ByteBuffer {
        try await body.collect(upTo: 1 << 20)
    }
}
