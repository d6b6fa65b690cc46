import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Wraps every API call: reads its body whole, plays a planned fault instead of the answer, adds
/// `Sforce-Limit-Info` to Salesforce answers, records the call in the request log and logs one line
/// (method, path, status, fault; never a header or a body). The `/_sandbox/` routes pass untouched.
struct SandboxMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    let state: SandboxState
    let logger: Logger

    func handle(
        _ input: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = input.uri.path
        guard let route = APIRoute(path: path) else { return try await next(input, context) }
        var request = input
        let method = request.method.rawValue
        var entry = RequestLog.Entry(time: Date(), api: route.api, method: method, path: path)
        // Read the body whole first: closing a connection with unread input would reset it.
        let body: Data
        do {
            body = Data(try await request.collectBody(upTo: context.maxUploadSize).readableBytesView)
        } catch {
            return await finish(Response(status: .contentTooLarge), route: route, entry: entry)
        }
        await describe(&entry, request: request, body: body, route: route)
        let fault = await state.takeFault(method: method, path: path)
        entry.fault = fault?.name
        switch fault {
        case .drop:
            await state.record(entry)
            logger.info("\(method) \(path) dropped (fault)")
            try await context.channel.close()
            throw DroppedConnection()
        case .delay(let milliseconds):
            try await Task.sleep(for: .milliseconds(milliseconds))
        case .late:
            break  // after the handler, below
        case .some(let fault):
            if let answer = fault.answer(for: route, channel: context.channel) {
                return await finish(answer, route: route, entry: entry)
            }
        case nil:
            break
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = Self.answer(error, route: route)
        }
        let answer = await finish(response, route: route, entry: entry)
        // Recorded as handled, then answered late: the log shows the write while its client waits.
        if case .late(let milliseconds) = fault { try await Task.sleep(for: .milliseconds(milliseconds)) }
        return answer
    }

    /// Adds the limit header to a Salesforce answer, records the call and logs its line.
    private func finish(_ response: Response, route: APIRoute, entry: RequestLog.Entry) async -> Response {
        var response = response
        var entry = entry
        if route.api == .salesforce {
            let usage = route == .salesforceREST ? await state.countAPICall() : await state.apiUsage
            response.headers[.sforceLimitInfo] = "api-usage=\(usage)/\(SandboxState.apiLimit)"
        }
        entry.status = Int(response.status.code)
        await state.record(entry)
        let fault = entry.fault.map { " (fault \($0))" } ?? ""
        logger.info("\(entry.method) \(entry.path) \(response.status.code)\(fault)")
        return response
    }

    /// Fills in who called: the target, the client id, and fingerprints of the secret and token.
    private func describe(_ entry: inout RequestLog.Entry, request: Request, body: Data, route: APIRoute) async {
        entry.targetId = request.headers[.apiTargetID]
        if route.isToken {
            let form = FormBody(body)
            entry.clientId = form["client_id"]
            entry.secretFingerprint = form["client_secret"].map(RequestLog.fingerprint)
        }
        if let token = request.bearerToken {
            entry.tokenFingerprint = RequestLog.fingerprint(token)
            switch route.api {
            case .buyWithPrime: entry.clientId = await state.buyWithPrimeAccount(token: token)?.clientId
            case .salesforce: entry.clientId = await state.salesforceClient(token: token)
            }
        }
    }

    /// An unmatched route or a refused body in the API's own error shape.
    private static func answer(_ error: any HTTPResponseError, route: APIRoute) -> Response {
        let status = error.status
        switch route.api {
        case .salesforce:
            let code = status == .notFound ? "NOT_FOUND" : "INVALID_REQUEST"
            let message = status == .notFound ? "The requested resource does not exist" : status.reasonPhrase
            return .json(status, SalesforceError.body([SalesforceError(errorCode: code, message: message)]))
        case .buyWithPrime:
            return .json(status, ["message": .string(status.reasonPhrase)])
        }
    }

    /// Ends a dropped call: the connection is already closed, so nothing is written.
    struct DroppedConnection: Error {}
}
