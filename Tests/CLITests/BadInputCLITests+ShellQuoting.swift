import Foundation
import Testing

extension BadInputCLITests {
    /// A suggested command names the channel as the user typed it, pasted into a shell.
    @Test func aSuggestedCommandSingleQuotesANameAShellWouldExpand() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        #expect(try cli("channels", "create", "US $HOME", "--transport", "sandbox").status == 0)
        let authorize = try cli("channels", "authorize", "US $HOME")
        #expect(authorize.status != 0, "\(authorize)")
        #expect(
            authorize.stderr.contains("`channel-ledger channels credentials 'US $HOME' --client-id"),
            "\(authorize.stderr)")
        #expect(authorize.stderr.contains("channel \"US $HOME\""), "the name shown back keeps its double quotes")
    }
}
