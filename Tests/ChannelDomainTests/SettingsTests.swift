import ChannelDomain
import ChannelLedgerTesting
import Testing

/// Ledger-wide settings: what the services' documentation leaves unconfirmed, recorded as events.
@Suite("Settings")
struct SettingsTests {
    static func changed(_ key: SettingKey, _ value: String) -> SettingsEvent {
        .changed(SettingChanged(key: key.rawValue, value: value))
    }

    @Test("setting a known key to a valid value records the normalized value")
    func set() {
        let state = Spec(Settings.self)
            .when(.set(key: " salesforce.api-version ", value: " 61.0 "))
            .then([Self.changed(.salesforceAPIVersion, "61.0")])
        #expect(state.value(of: .salesforceAPIVersion) == "61.0")
        #expect(state.value(of: .buyWithPrimeAPIVersion) == "2024-11-01", "an unset key reads its default")
    }

    @Test("setting the value in force records nothing, the default included")
    func unchanged() {
        Spec(Settings.self).given([Self.changed(.requestTimeout, "10")]).when(
            .set(key: "http.request-timeout", value: "10")
        )
        .thenNothing()
        Spec(Settings.self).when(.set(key: "buy-with-prime.api-version", value: "2024-11-01")).thenNothing()
    }

    @Test("a later change wins")
    func laterWins() {
        let state = Spec(Settings.self)
            .given([Self.changed(.orderChannelField, "SalesChannelId")])
            .when(.set(key: "salesforce.order-channel-field", value: "Amazon_bwp_oms__Channel__c"))
            .then([Self.changed(.orderChannelField, "Amazon_bwp_oms__Channel__c")])
        #expect(state.value(of: .orderChannelField) == "Amazon_bwp_oms__Channel__c")
    }

    @Test("an unknown key is refused, naming the known ones")
    func unknownKey() {
        Spec(Settings.self)
            .when(.set(key: "salesforce.colour", value: "blue"))
            .thenThrows(DomainError.unknownSetting("salesforce.colour", known: SettingKey.allCases.map(\.rawValue)))
    }

    @Test(
        "a bad value is refused",
        arguments: [
            (SettingKey.buyWithPrimeAPIVersion, "2024-13-01"), (.buyWithPrimeAPIVersion, "latest"),
            (.salesforceAPIVersion, "62"), (.salesforceAPIVersion, "v62.0"),
            (.orderExternalIDField, "Order ID"), (.orderChannelField, "1Channel"), (.orderChannelField, ""),
            (.requestTimeout, "0"), (.requestTimeout, "601"), (.requestTimeout, "ten"), (.requestTimeout, "1.5"),
            (.publishMaxAttempts, "0"), (.publishMaxAttempts, "101"), (.publishMaxAttempts, "eight"),
            (.publishRetryDelay, "-1"), (.publishRetryDelay, "21601"), (.publishRetryDelay, "1m"),
        ])
    func badValue(key: SettingKey, value: String) {
        Spec(Settings.self)
            .when(.set(key: key.rawValue, value: value))
            .thenThrows(
                DomainError.invalidSetting(key: key.rawValue, value: value.trimmingCharacters(in: .whitespaces)))
    }

    @Test("every key has a default its own rule accepts")
    func defaults() {
        for key in SettingKey.allCases {
            #expect(key.normalized(key.defaultValue) == key.defaultValue, "\(key)")
        }
    }
}
