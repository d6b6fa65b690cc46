import Hummingbird

/// Hummingbird's request context, with a body limit above the 1 MiB a delivery may have, so the
/// handler (not the framework) answers an oversized body, with the same JSON error as any other.
struct WebhookRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }
}
