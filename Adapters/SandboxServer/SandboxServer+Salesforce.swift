import Foundation
import Hummingbird
import Transport

extension SandboxServer {
    /// `POST /services/oauth2/token`: the connected app's client-credentials exchange. The instance
    /// URL is the server's own base URL as the client reached it (the `Host` header, when it names a
    /// port; else the address the server listens on); the My Domain of the accounts file is not
    /// checked (the server is the org whatever its address).
    func salesforceToken(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let form = FormBody(try await request.bodyData(context: context))
        guard form["grant_type"] == "client_credentials" else {
            return .json(.badRequest, WireError.oauth("unsupported_grant_type", "grant type not supported"))
        }
        let app = configuration.accounts.salesforce
        let keyMatches = form["client_id"] == app.consumerKey
        let secretMatches = Secret(form["client_secret"] ?? "") == Secret(app.consumerSecret)
        guard keyMatches && secretMatches else {
            return .json(.badRequest, WireError.oauth("invalid_client", "invalid client credentials"))
        }
        let token = await state.issueSalesforceToken()
        let instance = await instanceURL(host: request.head.authority)
        let issuedAt = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        return .json(
            .ok,
            [
                "access_token": .string(token), "instance_url": .string(instance),
                "id": .string(instance + "/id/00DSB0000000001AAA/005SB0000000001AAA"), "token_type": "Bearer",
                "issued_at": .string(String(issuedAt)),
            ])
    }

    /// `http://HOST:PORT` of a `Host` header that names a port, else the address the server listens on.
    private func instanceURL(host: String?) async -> String {
        if let host, host.range(of: #":[0-9]+$"#, options: .regularExpression) != nil { return "http://" + host }
        return await state.listeningURL ?? "http://127.0.0.1:\(configuration.port)"
    }

    /// `GET /services/data/v{ver}/query?q=…`: the SalesChannel and Order query shapes (``SOQLQuery``).
    func salesforceQuery(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let version = context.parameters.get("version") ?? ""
        if let refusal = await refuseREST(request, version: version) { return refusal }
        guard let text = FormBody(request.uri.query ?? "")["q"], !text.isEmpty else {
            return .json(.badRequest, SalesforceError.body([.malformedQuery("The query string needs q")]))
        }
        guard let query = SOQLQuery(text) else {
            return .json(
                .badRequest,
                SalesforceError.body([
                    .malformedQuery("The sandbox reads SELECT fields FROM object WHERE field = '…' or IN ('…', …) only")
                ]))
        }
        switch await state.org.run(query, apiVersion: version) {
        case .failure(let error):
            return .json(.badRequest, SalesforceError.body([error]))
        case .success(let records):
            return .json(.ok, ["totalSize": .int(records.count), "done": true, "records": .array(records)])
        }
    }

    /// `POST /services/data/v{ver}/sobjects/SalesChannel/`: 201 `{"id", "success": true, "errors": []}`.
    func createSalesChannel(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        if let refusal = await refuseREST(request, version: context.parameters.get("version") ?? "") {
            return refusal
        }
        let body = JSONValue.parse(try await request.bodyData(context: context)) ?? .null
        switch await state.changeOrg({ $0.createSalesChannel(body) }) {
        case .failure(let error):
            return .json(.badRequest, SalesforceError.body([error]))
        case .success(let id):
            return .json(.created, ["id": .string(id), "success": true, "errors": []])
        }
    }

    /// `PATCH /services/data/v{ver}/sobjects/{SalesChannel|Order}/{Id}`: 204, or the errors.
    func updateRecord(_ object: String, _ request: Request, context: SandboxRequestContext) async throws -> Response {
        if let refusal = await refuseREST(request, version: context.parameters.get("version") ?? "") {
            return refusal
        }
        let id = context.parameters.get("id") ?? ""
        let body = JSONValue.parse(try await request.bodyData(context: context)) ?? .null
        let write = await state.changeOrg { Self.update(object, id: id, body: body, in: &$0) }
        if write.errors.isEmpty { return Response(status: .noContent) }
        return .json(HTTPResponse.Status(code: write.status), SalesforceError.body(write.errors))
    }

    /// `POST /services/data/v{ver}/composite`: at most 25 subrequests, `allOrNone: false`, each a
    /// PATCH of an Order or a SalesChannel by id, with one result per subrequest.
    func composite(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        if let refusal = await refuseREST(request, version: context.parameters.get("version") ?? "") {
            return refusal
        }
        let body = JSONValue.parse(try await request.bodyData(context: context))
        guard let subrequests = body?["compositeRequest"]?.array else {
            return .json(
                .badRequest,
                SalesforceError.body([
                    SalesforceError(errorCode: "JSON_PARSER_ERROR", message: "The body needs a compositeRequest array")
                ]))
        }
        guard (1...25).contains(subrequests.count) else {
            return .json(
                .badRequest,
                SalesforceError.body([
                    SalesforceError(
                        errorCode: "INVALID_INPUT",
                        message: "A composite request has 1 to 25 subrequests, not \(subrequests.count)")
                ]))
        }
        guard body?["allOrNone"] == nil || body?["allOrNone"] == false else {
            return .json(
                .badRequest,
                SalesforceError.body([
                    SalesforceError(errorCode: "INVALID_INPUT", message: "The sandbox runs allOrNone false only")
                ]))
        }
        let results = await state.changeOrg { org in
            subrequests.map { Self.run($0, in: &org) }
        }
        return .json(.ok, ["compositeResponse": .array(results)])
    }

    /// One composite subrequest's result: `{"body", "httpHeaders": {}, "httpStatusCode", "referenceId"}`.
    private static func run(_ subrequest: JSONValue, in org: inout SandboxOrg) -> JSONValue {
        let reference = subrequest["referenceId"] ?? nil
        func result(_ write: RecordWrite) -> JSONValue {
            [
                "body": write.errors.isEmpty ? nil : SalesforceError.body(write.errors), "httpHeaders": [:],
                "httpStatusCode": .int(write.status), "referenceId": reference,
            ]
        }
        let url = subrequest["url"]?.string ?? ""
        let parts = url.split(separator: "?").first.map { $0.split(separator: "/").map(String.init) } ?? []
        // services / data / vNN.N / sobjects / Object / Id
        guard subrequest["method"]?.string?.uppercased() == "PATCH", parts.count == 6, parts[0] == "services",
            parts[1] == "data", isAPIVersion(parts[2]), parts[3] == "sobjects",
            ["Order", "SalesChannel"].contains(parts[4])
        else {
            return result(
                .failed(
                    400,
                    SalesforceError(
                        errorCode: "INVALID_INPUT",
                        message: "The sandbox runs PATCH of sobjects/Order/{Id} or sobjects/SalesChannel/{Id} only")))
        }
        return result(update(parts[4], id: parts[5], body: subrequest["body"] ?? .null, in: &org))
    }

    /// Updates one record of `object` (`Order` or `SalesChannel`).
    private static func update(_ object: String, id: String, body: JSONValue, in org: inout SandboxOrg) -> RecordWrite {
        object == "Order" ? org.updateOrder(id: id, body) : org.updateSalesChannel(id: id, body)
    }

    /// The answer refusing a REST call, or nil to go on: 404 for a path version that is not
    /// `vNN.N`, 401 `INVALID_SESSION_ID` for a token the server did not issue.
    private func refuseREST(_ request: Request, version: String) async -> Response? {
        guard Self.isAPIVersion(version) else { return .json(.notFound, SalesforceError.body([.notFound])) }
        guard let token = request.bearerToken, await state.salesforceClient(token: token) != nil else {
            return .json(.unauthorized, SalesforceError.body([.invalidSession]))
        }
        return nil
    }

    /// Whether a path component is an API version, `v62.0`.
    static func isAPIVersion(_ text: String) -> Bool {
        let parts = text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        return text.hasPrefix("v") && parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}
