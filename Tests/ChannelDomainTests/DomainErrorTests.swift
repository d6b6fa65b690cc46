import ChannelDomain
import Testing

@Suite("Domain errors")
struct DomainErrorTests {
    static let samples: [DomainError] = [
        .channelNotFound,
        .channelAlreadyExists(name: "EU Store"),
        .channelArchived(name: "EU Store"),
        .connectedAppNotAuthorized(name: "EU Store"),
        .unknownCatalogVersion(7),
        .invalidChannelName(name: "", problem: .empty),
        .invalidChannelName(name: "EU\nStore", problem: .controlCharacters),
        .invalidChannelName(name: "x", problem: .tooLong(limit: 80)),
        .invalidChannelName(name: "0192F3A0-0000-7000-8000-000000000001", problem: .looksLikeUUID),
        .nameTaken(name: "eu store", takenBy: "EU Store"),
        .nameReserved(name: "Default"),
        .invalidCredential(channel: "EU Store", field: "client ID", problem: .whitespace),
        .targetTaken(channel: "EU Store", targetId: "target-1", takenBy: "US Store"),
        .noCredentials(channel: "EU Store"),
        .credentialsChanged(channel: "EU Store"),
        .unknownMapping(channel: "EU Store", mapping: "invoice", valid: ["order"]),
        .invalidMappingSource("$.a\nb"),
        .invalidObjectName(channel: "EU Store", mapping: "order", object: "1x"),
        .invalidFieldName(channel: "EU Store", mapping: "order", field: "a b"),
        .mappingActive(channel: "EU Store", mapping: "order"),
        .mappingIncomplete(channel: "EU Store", mapping: "order", missing: ["Status"]),
        .deactivationNeedsSuspend(channel: "EU Store", mapping: "order"),
        .notReadyToLaunch(channel: "EU Store", credentials: .none, inactiveMappings: ["order", "refund"]),
        .notReadyToLaunch(channel: "EU Store", credentials: .entered, inactiveMappings: []),
        .notReadyToResume(channel: "EU Store", credentials: .failed, inactiveMappings: ["order"]),
        .launchWhileSuspended(channel: "EU Store"),
        .notLive(channel: "EU Store", status: .ready),
        .notSuspended(channel: "EU Store", status: .draft),
        .emptySuspensionReason(channel: "EU Store"),
        .invalidConsumerKey(problem: .empty),
        .invalidMyDomain("http://acme.my.salesforce.com"),
    ]

    @Test("every description is one line that says how to fix it", arguments: samples)
    func oneLineWithFix(error: DomainError) {
        let text = error.description
        #expect(!text.isEmpty)
        #expect(!text.contains("\n"))
        #expect(text.contains(";"), "a description names the problem, then the fix after a semicolon")
    }

    @Test("a sealed secret prints only its fingerprint")
    func sealedSecretPrintsFingerprint() {
        let text = String(describing: Fixture.secret)
        #expect(!text.contains(Fixture.secret.ciphertext))
        #expect(text.contains(Fixture.secret.fingerprint))
    }

    @Test(
        "channel-level descriptions name the channel",
        arguments: samples.filter {
            switch $0 {
            case .channelNotFound, .unknownCatalogVersion, .invalidChannelName, .nameTaken, .nameReserved,
                .invalidMappingSource, .invalidConsumerKey, .invalidMyDomain:
                false
            default: true
            }
        })
    func namesChannel(error: DomainError) {
        #expect(error.description.contains(#""EU Store""#))
    }

    @Test("only a missing channel or mapping is notFound; everything else is refused")
    func categories() {
        let notFound = Self.samples.filter { $0.category == .notFound }
        #expect(
            notFound == [.channelNotFound, .unknownMapping(channel: "EU Store", mapping: "invoice", valid: ["order"])])
    }

    @Test("launch gate description lists every missing piece with its fix")
    func launchGateDescription() {
        let error = DomainError.notReadyToLaunch(
            channel: "EU Store", credentials: .none, inactiveMappings: ["order", "refund"])
        #expect(
            error.description
                == #"channel "EU Store" cannot launch: no Buy with Prime credentials are entered and mappings "order", "refund" are inactive; run `channel-ledger channels credentials "EU Store" --client-id CLIENT_ID --target-id TARGET_ID` and `channel-ledger mappings activate "EU Store" --all`"#
        )
    }

    @Test("reserved name description")
    func reservedDescription() {
        #expect(
            DomainError.nameReserved(name: "Default").description.hasSuffix(
                "Default is reserved for the channel an upgrade creates; choose another name"
            ))
        #expect(
            DomainError.connectedAppNotAuthorized(name: "EU Store").description.contains(
                "`channel-ledger connected-app register`"))
        #expect(
            DomainError.nameTaken(name: "eu store", takenBy: "EU Store").description.hasPrefix(
                #"a channel named "EU Store" already exists"#))
    }
}
