import Hummingbird
import NIOCore

/// Hummingbird's request context plus the connection, so a fault can close it without answering.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }

    /// A composite of 25 subrequests fits easily; anything larger is refused with 413.
    var maxUploadSize: Int { 4 * 1024 * 1024 }
}
