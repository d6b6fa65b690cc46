import Foundation
import Testing

/// Several processes writing to one store file at once: nothing lost, no "database is locked".
@Suite struct ConcurrencyCLITests {
    @Test func processesCreatingChannelsAtOnceLoseNothing() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        let names = (1...8).map { "Store \($0)" }
        let writers = try names.map { try cli.start(["channels", "create", $0, "--transport", "sandbox"]) }
        // verify reads while they write: appends after its start must never look like a broken chain.
        let verifiers = try (1...3).map { _ in try cli.start(["verify"]) }
        let runs = (writers + verifiers).map { process, out, err in
            process.waitUntilExit()
            return cli.finish(process, out, err)
        }
        for run in runs {
            #expect(run.status == 0, "\(run)")
            #expect(!run.stderr.localizedCaseInsensitiveContains("locked"), "\(run)")
        }
        let listed = try cli("channels", "list", "--json").array().compactMap { $0["name"] as? String }
        #expect(Set(listed) == Set(names))
        #expect(try cli("verify").status == 0)
    }

    @Test func processesRacingForOneNameHaveExactlyOneWinner() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        let started = try (1...6).map { _ in
            try cli.start(["channels", "create", "Contested", "--transport", "sandbox"])
        }
        let runs = started.map { process, out, err in
            process.waitUntilExit()
            return cli.finish(process, out, err)
        }
        #expect(runs.filter { $0.status == 0 }.count == 1, "\(runs)")
        for loser in runs where loser.status != 0 {
            #expect(loser.status == 3, "\(loser)")
            #expect(loser.stderr.contains("already exists"), "\(loser)")
        }
        #expect(try cli("channels", "list", "--json").array().count == 1)
        #expect(try cli("verify").status == 0)
    }
}
