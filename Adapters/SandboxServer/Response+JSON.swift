import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension Response {
    /// A JSON answer.
    static func json(_ status: HTTPResponse.Status, _ body: JSONValue, headers: HTTPFields = [:]) -> Response {
        bytes(status, body.encoded(), contentType: "application/json", headers: headers)
    }

    /// An answer of raw bytes.
    static func bytes(_ status: HTTPResponse.Status, _ body: Data, contentType: String, headers: HTTPFields = [:])
        -> Response
    {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension HTTPField.Name {
    /// Buy with Prime's target header.
    static let apiTargetID = HTTPField.Name("x-api-target-id")!
    /// Buy with Prime's API version header.
    static let apiVersion = HTTPField.Name("x-api-version")!
    /// Salesforce's API usage header.
    static let sforceLimitInfo = HTTPField.Name("Sforce-Limit-Info")!
}

extension Request {
    /// The request's body, read whole (the middleware has already collected it).
    func bodyData(context: SandboxRequestContext) async throws -> Data {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        return Data(buffer.readableBytesView)
    }

    /// The token of an `Authorization: Bearer …` header.
    var bearerToken: String? {
        guard let value = headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
