import ChannelDomain
import ChannelLedgerTesting
import LedgerPresentation
import Testing

@Suite("Domain errors, as the CLI explains them")
struct DomainErrorAdviceTests {
    static let samples = DomainErrorSamples.samples

    @Test("every description is one line that says how to fix it", arguments: samples)
    func oneLineWithFix(error: DomainError) {
        let text = error.advice
        #expect(!text.isEmpty)
        #expect(!text.contains("\n"))
        #expect(text.contains(";"), "a description names the problem, then the fix after a semicolon")
    }

    @Test(
        "channel-level descriptions name the channel",
        arguments: samples.filter {
            switch $0 {
            case .channelNotFound, .upgradeNeedsConnectedApp, .accountNeedsSingleAccountLedger, .unknownCatalogVersion,
                .invalidChannelName, .nameTaken, .nameReserved,
                .invalidMappingSource, .invalidConsumerKey, .invalidMyDomain, .unknownSetting, .invalidSetting,
                .orderNotFound, .orderAlreadyAssociated, .orderNotAssociated, .orderChannelNotLive,
                .emptyReassociationReason, .invalidRuleName, .ruleNameTaken, .unknownRule, .ruleChannelMissing,
                .ruleChannelWithTargetID, .invalidRulePosition, .unknownConditionField, .unknownConditionOperator,
                .emptyConditionValue, .invalidWebhookSubscription, .invalidWebhookUsername, .unknownWebhookSubscription:
                false
            default: true
            }
        })
    func namesChannel(error: DomainError) {
        #expect(error.advice.contains(#""EU Store""#))
    }

    @Test("launch gate description lists every missing piece with its fix")
    func launchGateDescription() {
        let error = DomainError.notReadyToLaunch(
            channel: "EU Store", connectedAppAuthorized: true, credentials: .none,
            inactiveMappings: ["order", "refund"])
        #expect(
            error.advice
                == #"channel "EU Store" cannot launch: no Buy with Prime credentials are entered and mappings "order", "refund" are inactive; run `channel-ledger channels credentials "EU Store" --client-id CLIENT_ID --target-id TARGET_ID` and `channel-ledger mappings activate "EU Store" --all`"#
        )
    }

    @Test("reserved name description")
    func reservedDescription() {
        #expect(
            DomainError.nameReserved(name: "Default").advice.hasSuffix(
                "Default is reserved for the channel an upgrade creates; choose another name"
            ))
        #expect(
            DomainError.connectedAppNotAuthorized(name: "EU Store").advice.contains(
                "`channel-ledger connected-app register`"))
        #expect(
            DomainError.nameTaken(name: "eu store", takenBy: "EU Store").advice.hasPrefix(
                #"a channel named "EU Store" already exists"#))
    }
}

@Suite("Advice of the channel rules")
struct ChannelAdviceTests {
    @Test("an inactive mapping blocks launch, and the line says how to activate it")
    func launchGap() {
        let error = DomainError.notReadyToLaunch(
            channel: "EU Store", connectedAppAuthorized: true, credentials: .authorized, inactiveMappings: ["refund"])
        #expect(
            error.advice
                == #"channel "EU Store" cannot launch: mapping "refund" is inactive; run `channel-ledger mappings activate "EU Store" --all`"#
        )
    }

    @Test("a suspended channel is resumed, not launched")
    func launchSuspended() {
        #expect(
            DomainError.launchWhileSuspended(channel: "EU Store").advice.contains(
                "`channel-ledger channels resume \"EU Store\"`"))
    }

    @Test("an unknown mapping lists the valid names")
    func unknownMapping() {
        let error = DomainError.unknownMapping(
            channel: "EU Store", mapping: "invoice", valid: ["order", "order-line", "fulfillment"])
        #expect(error.advice.contains("order, order-line, fulfillment"))
    }

    @Test("an incomplete mapping names a --field for each missing field")
    func incompleteMapping() {
        let error = DomainError.mappingIncomplete(
            channel: "EU Store", mapping: "order", missing: ["EffectiveDate", "Status"])
        #expect(error.advice.contains("--field EffectiveDate=SOURCE --field Status=SOURCE"))
    }

    @Test("deactivating a mapping of a live channel suggests --suspend")
    func deactivateLive() {
        let error = DomainError.deactivationNeedsSuspend(channel: "EU Store", mapping: "order")
        #expect(error.advice.hasSuffix("`channel-ledger mappings deactivate \"EU Store\" order --suspend`"))
    }

    @Test(
        "reconfiguring an active mapping suggests a deactivation that works: with --suspend on a live channel",
        arguments: [
            (false, "`channel-ledger mappings deactivate \"EU Store\" order`"),
            (true, "`channel-ledger mappings deactivate \"EU Store\" order --suspend`"),
        ])
    func activeMappingHint(live: Bool, command: String) {
        let advice = DomainError.mappingActive(channel: "EU Store", mapping: "order", channelLive: live).advice
        #expect(advice.contains(command))
        #expect(advice.contains("--suspend") == live)
    }

    @Test("without a connected app in force, launch and resume say to register it, before every other gap")
    func connectedAppGap() {
        #expect(
            DomainError.notReadyToLaunch(
                channel: "EU Store", connectedAppAuthorized: false, credentials: .authorized, inactiveMappings: []
            ).advice
                == #"channel "EU Store" cannot launch: the connected app is not authorized; run `channel-ledger connected-app register`"#
        )
        #expect(
            DomainError.notReadyToResume(
                channel: "EU Store", connectedAppAuthorized: false, credentials: .authorized, inactiveMappings: []
            ).advice
                == #"channel "EU Store" cannot resume: the connected app is not authorized; run `channel-ledger connected-app register`"#
        )
        let all = DomainError.notReadyToLaunch(
            channel: "EU Store", connectedAppAuthorized: false, credentials: .entered,
            inactiveMappings: ["order", "refund"]
        ).advice
        #expect(
            all.hasPrefix(
                #"channel "EU Store" cannot launch: the connected app is not authorized and its credentials are not authorized yet and mappings "order", "#
            ))
        #expect(
            all.contains(
                #"; run `channel-ledger connected-app register` and `channel-ledger channels authorize "EU Store"` and `channel-ledger mappings activate "EU Store" --all`"#
            ))
    }
}
