import ChannelDomain
import ChannelLedger
import Foundation
import SandboxTransport
import Testing
import Transport

/// What a service says when it refuses credentials is recorded for good: it is kept to one bounded line.
@Suite struct RejectionRecordTests {
    /// A Buy with Prime that refuses every account with a long, multi-line message.
    struct Verbose: BuyWithPrimeTransport {
        static let message = "first line\nsecond\u{7} line " + String(repeating: "x", count: 10_000)
        func authorize(_ account: BuyWithPrimeCredentials) async throws -> BuyWithPrimeAuthorization {
            throw TransportError.rejected(
                service: .buyWithPrime, code: "Access\nDenied" + String(repeating: "E", count: 500),
                message: Self.message)
        }
    }

    @Test func aLongMultiLineRejectionIsRecordedAsOneBoundedLine() async throws {
        let verbose = TransportDescriptor(
            name: "verbose", summary: "refuses verbosely", buyWithPrime: Verbose(), salesforce: SandboxTransport(),
            capabilities: [.authorizeAccount])
        let fixture = try await ServiceFixture(transports: [verbose]).registered()
        let service = fixture.service
        _ = try await service.createChannel(named: "US", transport: "verbose", context: fixture.context)
        _ = try await service.enterCredentials(
            "US", clientID: "client", targetID: "target", secret: { Secret("secret") }, context: fixture.context)
        let result = try await service.authorizeChannel("US", context: fixture.context)
        let failure = try #require(result.view.state.pending?.failure)
        #expect(failure.message.count == 300 && failure.message.hasSuffix("…"))
        #expect(failure.message.hasPrefix("first line second  line x"))
        #expect(failure.code.count == 100 && !failure.code.contains("\n"))
        let lines = failure.message.split(whereSeparator: \.isNewline).count
        #expect(lines == 1)
    }
}
