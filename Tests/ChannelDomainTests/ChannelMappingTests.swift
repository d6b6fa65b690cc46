import ChannelDomain
import ChannelLedgerTesting
import Testing

@Suite("Channel mappings")
struct ChannelMappingTests {
    private static func assign(_ field: String, _ raw: String?) -> FieldAssignment {
        FieldAssignment(field: field, source: raw.map(Fixture.source))
    }

    @Test("an unknown mapping is not found and the error lists the valid names")
    func unknownMapping() {
        let error = DomainError.unknownMapping(channel: "EU Store", mapping: "invoice", valid: Fixture.mappingNames)
        #expect(error.category == .notFound)
        for command in [
            ChannelCommand.configureMapping(name: "invoice", object: nil, fields: []),
            .activateMappings(["order", "invoice"]),
            .deactivateMapping("invoice", suspend: false),
        ] {
            Spec(Channel.self).given(Fixture.draft).when(command).thenThrows(error)
        }
    }

    @Test("configuring an inactive mapping records only what changed")
    func configure() throws {
        let state = Spec(Channel.self)
            .given(Fixture.draft)
            .when(
                .configureMapping(
                    name: "order", object: "Order__c",
                    fields: [
                        Self.assign("Status", "'Activated'"),
                        Self.assign("EffectiveDate", "$.metadata.createdAt"),
                        Self.assign("Description", "$.id"),
                        Self.assign("Amazon_bwp_oms__amazonBwpOrderID__c", nil),
                    ])
            )
            .then([
                .mappingConfigured(
                    MappingConfigured(
                        mapping: "order", object: "Order__c",
                        fields: [
                            Self.assign("Status", "'Activated'"),
                            Self.assign("Description", "$.id"),
                            Self.assign("Amazon_bwp_oms__amazonBwpOrderID__c", nil),
                        ]))
            ])
        let order = try #require(state.mapping("order"))
        #expect(order.object == "Order__c")
        #expect(order.fields["Status"] == Fixture.source("'Activated'"))
        #expect(order.fields["Description"] == Fixture.source("$.id"))
        #expect(order.fields["Amazon_bwp_oms__amazonBwpOrderID__c"] == nil)
        let definition = try #require(MappingCatalog.v1.definition("order"))
        #expect(order.missingFields(definition) == ["Amazon_bwp_oms__amazonBwpOrderID__c"])
    }

    @Test("the last assignment of a field in one command wins")
    func lastAssignmentWins() {
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(
                .configureMapping(
                    name: "refund", object: nil,
                    fields: [
                        Self.assign("TotalAmount", nil), Self.assign("TotalAmount", "'0'"),
                    ])
            )
            .then([
                .mappingConfigured(
                    MappingConfigured(
                        mapping: "refund", object: "CreditMemo",
                        fields: [
                            Self.assign("TotalAmount", "'0'")
                        ]))
            ])
    }

    @Test(
        "a configuration that changes nothing records nothing, even on an active mapping",
        arguments: [
            Fixture.draft, Fixture.ready,
        ])
    func configureNoOp(history: [ChannelEvent]) {
        Spec(Channel.self)
            .given(history)
            .when(
                .configureMapping(
                    name: "order", object: "Order", fields: [Self.assign("Status", "'Draft'"), Self.assign("Foo", nil)])
            )
            .thenNothing()
    }

    @Test(
        "an active mapping's object and fields cannot change",
        arguments: [
            ChannelCommand.configureMapping(name: "order", object: "Order__c", fields: []),
            .configureMapping(name: "order", object: nil, fields: [FieldAssignment(field: "Status", source: nil)]),
        ])
    func configureActive(command: ChannelCommand) {
        Spec(Channel.self)
            .given(Fixture.draft + [Fixture.activated("order")])
            .when(command)
            .thenThrows(DomainError.mappingActive(channel: "EU Store", mapping: "order", channelLive: false))
    }

    @Test(
        "object names must be Salesforce API names",
        arguments: ["", "1Order", "Order Item", "Order-Item", "_Order", String(repeating: "O", count: 81)])
    func invalidObject(object: String) {
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(.configureMapping(name: "order", object: object, fields: []))
            .thenThrows(DomainError.invalidObjectName(channel: "EU Store", mapping: "order", object: object))
    }

    @Test("field names must be Salesforce API names", arguments: ["", "9Status", "Status Code", "Stätus"])
    func invalidField(field: String) {
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(.configureMapping(name: "order", object: nil, fields: [FieldAssignment(field: field, source: nil)]))
            .thenThrows(DomainError.invalidFieldName(channel: "EU Store", mapping: "order", field: field))
    }

    @Test("an 80-character object name is accepted")
    func longestObject() {
        let object = "O" + String(repeating: "x", count: 79)
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(.configureMapping(name: "order", object: object, fields: []))
            .then([.mappingConfigured(MappingConfigured(mapping: "order", object: object, fields: []))])
    }

    @Test(
        "mappings can be configured and activated in every non-archived status",
        arguments: [
            Fixture.draft, Fixture.authorizedChannel, Fixture.suspended + [Fixture.deactivated("refund")],
        ])
    func anyStatus(history: [ChannelEvent]) {
        Spec(Channel.self)
            .given(history)
            .when(.configureMapping(name: "refund", object: "CreditMemo__c", fields: []))
            .then([.mappingConfigured(MappingConfigured(mapping: "refund", object: "CreditMemo__c", fields: []))])
        Spec(Channel.self)
            .given(history)
            .when(.activateMappings(["refund"]))
            .then([Fixture.activated("refund")])
    }

    @Test("a mapping activates only with every required field assigned")
    func activateIncomplete() {
        let error = DomainError.mappingIncomplete(
            channel: "EU Store", mapping: "order", missing: ["EffectiveDate", "Status"])
        Spec(Channel.self)
            .given(
                Fixture.draft + [
                    .mappingConfigured(
                        MappingConfigured(
                            mapping: "order", object: "Order",
                            fields: [
                                Self.assign("EffectiveDate", nil), Self.assign("Status", nil),
                            ]))
                ]
            )
            .when(.activateMappings(["order"]))
            .thenThrows(error)
    }

    @Test("activating an active mapping records nothing")
    func activateActive() {
        Spec(Channel.self)
            .given(Fixture.draft + [Fixture.activated("order")])
            .when(.activateMappings(["order", "order"]))
            .thenNothing()
    }

    @Test("activating several mappings records one event per inactive mapping")
    func activateSeveral() {
        let state = Spec(Channel.self)
            .given(Fixture.draft + [Fixture.activated("order")])
            .when(.activateMappings(["refund", "order", "customer", "refund"]))
            .then([Fixture.activated("refund"), Fixture.activated("customer")])
        #expect(state.activeMappingCount == 3)
    }

    @Test("activating several mappings fails as a whole when one cannot activate")
    func activateAllOrNothing() {
        Spec(Channel.self)
            .given(
                Fixture.draft + [
                    .mappingConfigured(
                        MappingConfigured(
                            mapping: "customer", object: "Account",
                            fields: [
                                Self.assign("Name", nil)
                            ]))
                ]
            )
            .when(.activateMappings(["refund", "customer"]))
            .thenThrows(DomainError.mappingIncomplete(channel: "EU Store", mapping: "customer", missing: ["Name"]))
    }

    @Test("activating all mappings activates every inactive catalog mapping in order")
    func activateAll() {
        let state = Spec(Channel.self)
            .given(Fixture.authorizedChannel + [Fixture.activated("order")])
            .when(.activateAllMappings)
            .then(Array(Fixture.allActivated.dropFirst()))
        #expect(state.status == .ready)
        Spec(Channel.self).given(Fixture.ready).when(.activateAllMappings).thenNothing()
    }

    @Test("activating all mappings fails as a whole when one is incomplete")
    func activateAllIncomplete() {
        Spec(Channel.self)
            .given(
                Fixture.draft + [
                    .mappingConfigured(
                        MappingConfigured(
                            mapping: "product", object: "Product2",
                            fields: [
                                Self.assign("Name", nil)
                            ]))
                ]
            )
            .when(.activateAllMappings)
            .thenThrows(DomainError.mappingIncomplete(channel: "EU Store", mapping: "product", missing: ["Name"]))
    }

    @Test("deactivating an inactive mapping records nothing")
    func deactivateInactive() {
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(.deactivateMapping("order", suspend: false))
            .thenNothing()
    }

    @Test(
        "deactivating a mapping of a channel that is not live records just that",
        arguments: [
            Fixture.ready, Fixture.suspended,
        ])
    func deactivateNotLive(history: [ChannelEvent]) {
        let before = Channel.fold(history).status
        let state = Spec(Channel.self)
            .given(history)
            .when(.deactivateMapping("order", suspend: false))
            .then([Fixture.deactivated("order")])
        #expect(state.status == (before == .ready ? .authorized : .suspended))
    }

    @Test("deactivating a mapping of a live channel needs --suspend")
    func deactivateLiveRefused() {
        let error = DomainError.deactivationNeedsSuspend(channel: "EU Store", mapping: "order")
        Spec(Channel.self)
            .given(Fixture.live)
            .when(.deactivateMapping("order", suspend: false))
            .thenThrows(error)
    }

    @Test("deactivating a mapping of a live channel with suspend also suspends it")
    func deactivateLiveSuspends() {
        let state = Spec(Channel.self)
            .given(Fixture.live)
            .when(.deactivateMapping("order", suspend: true))
            .then([Fixture.deactivated("order"), .suspended(ChannelSuspended(reason: "mapping order deactivated"))])
        #expect(state.status == .suspended)
        #expect(state.suspensionReason == "mapping order deactivated")
    }
}
