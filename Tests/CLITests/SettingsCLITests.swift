import Foundation
import Testing

/// `settings`: what the services leave open is a recorded, ledger-wide choice.
@Suite struct SettingsCLITests {
    @Test func settingsAreListedSetRecordedAndRefusedWhenUnknownOrBad() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)

        let defaults = try cli("settings", "list", "--json").array()
        #expect(
            defaults.map { $0["key"] as? String } == [
                "buy-with-prime.api-version", "salesforce.api-version", "salesforce.order-external-id-field",
                "salesforce.order-channel-field", "http.request-timeout", "publish.max-attempts",
                "publish.retry-delay",
            ])
        #expect(defaults.allSatisfy { $0["isDefault"] as? Bool == true && $0["setBy"] is NSNull })

        let set = try cli("settings", "set", "salesforce.api-version", "61.0", "--actor", "ops")
        #expect(set.status == 0, "\(set)")
        #expect(set.stdout == "set salesforce.api-version = 61.0\n")
        let again = try cli("settings", "set", "salesforce.api-version", " 61.0 ", "--json")
        #expect(try again.object()["changed"] as? Bool == false)

        let listed = try cli("settings", "list", "--json").array()
        let version = try #require(listed.first { $0["key"] as? String == "salesforce.api-version" })
        #expect(version["value"] as? String == "61.0" && version["setBy"] as? String == "ops")
        #expect(try cli("settings", "list").stdout.contains("salesforce.api-version              61.0"))

        let history = try cli("history", "--stream", "settings", "--json").lines()
        #expect(history.map { $0["type"] as? String } == ["SettingChanged"])
        #expect(history.first?["actor"] as? String == "ops")

        let head = try cli.headPosition()
        let unknown = try cli("settings", "set", "salesforce.colour", "blue")
        #expect(unknown.status == 3 && unknown.stderr.contains("salesforce.api-version"), "\(unknown)")
        let bad = try cli("settings", "set", "http.request-timeout", "0")
        #expect(bad.status == 3 && bad.stderr.contains("whole seconds from 1 to 600"), "\(bad)")
        #expect(bad.stderr.split(separator: "\n").count == 1)
        #expect(try cli.headPosition() == head, "refusals record nothing")
    }
}
