import HTTPTypes
import Hummingbird

/// Answers a path the server does not serve with a JSON 404 that names the routes it does, as
/// every other answer is JSON (the router alone answers an empty 404).
struct UnknownRouteAnswer<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return Response.json(
                .notFound,
                ErrorAnswer(
                    error:
                        "nothing is served at \(request.uri.path); deliveries go to POST /webhooks/buy-with-prime/SUBSCRIPTION, and GET /health answers whether the store does"
                ))
        }
    }
}
