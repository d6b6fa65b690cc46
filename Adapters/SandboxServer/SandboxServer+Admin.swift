import Foundation
import Hummingbird

extension SandboxServer {
    /// `GET /_sandbox/requests`: the request log as a JSON array, oldest first.
    func listRequests(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(await state.log.entries)
        return .bytes(.ok, body, contentType: "application/json")
    }

    /// `DELETE /_sandbox/requests`: forgets the log.
    func clearRequests(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        await state.clearLog()
        return Response(status: .noContent)
    }

    /// `POST /_sandbox/faults` `{"route", "count", "fault", "retryAfter"?, "delayMs"?}`: 201 with what
    /// was planned, or 400 `{"error"}`.
    func planFault(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let body = JSONValue.parse(try await request.bodyData(context: context)), body.object != nil else {
            return Self.adminError("the body must be a JSON object {route, count, fault, retryAfter?, delayMs?}")
        }
        guard let text = body["route"]?.string, let route = FaultPlan.Route(text) else {
            return Self.adminError("route must be \"*\" or \"METHOD /path\", e.g. \"POST /graphql\"")
        }
        let count = Self.integer(body["count"]) ?? 1
        let retryAfter = Self.integer(body["retryAfter"])
        let delayMs = Self.integer(body["delayMs"])
        guard (1...10_000).contains(count) else { return Self.adminError("count must be 1 to 10000") }
        guard (0...3600).contains(retryAfter ?? 0) else { return Self.adminError("retryAfter must be 0 to 3600 s") }
        guard (0...120_000).contains(delayMs ?? 0) else { return Self.adminError("delayMs must be 0 to 120000") }
        guard let name = body["fault"]?.string, let fault = Fault(name: name, retryAfter: retryAfter, delayMs: delayMs)
        else {
            return Self.adminError(
                "fault must be one of 401, 429, 500, delay, late, malformed, cut, stall, drop, oversized")
        }
        await state.plan(fault, route: route, count: count)
        var planned: [String: JSONValue] = [
            "route": .string(route.description), "count": .int(count), "fault": .string(fault.name),
        ]
        if case .throttled(let seconds) = fault { planned["retryAfter"] = .int(seconds) }
        if case .delay(let milliseconds) = fault { planned["delayMs"] = .int(milliseconds) }
        return .json(.created, .object(planned))
    }

    /// `DELETE /_sandbox/faults`: forgets every pending fault.
    func clearFaults(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        await state.clearFaults()
        return Response(status: .noContent)
    }

    /// `POST /_sandbox/orders` `{"orderId"}`: makes an `Order` exist in the org, as the managed package
    /// would once it created it. 201 `{"id", "orderId"}`, or 200 when it existed already.
    func createOrder(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let body = JSONValue.parse(try await request.bodyData(context: context)),
            let orderId = body["orderId"]?.string, !orderId.isEmpty
        else {
            return Self.adminError("the body must be {\"orderId\": \"322-…\"}")
        }
        let (id, created) = await state.changeOrg { $0.addOrder(orderId: orderId) }
        return .json(created ? .created : .ok, ["id": .string(id), "orderId": .string(orderId)])
    }

    private static func adminError(_ message: String) -> Response {
        .json(.badRequest, ["error": .string(message)])
    }

    /// A whole number given as a JSON integer or a number without a fraction.
    private static func integer(_ value: JSONValue?) -> Int? {
        switch value {
        case .int(let number): number
        case .double(let number) where number == number.rounded() && abs(number) < 1e9: Int(number)
        default: nil
        }
    }
}
