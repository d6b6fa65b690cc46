import Foundation
import Testing

/// `backup` and `restore`: consistent copies while others write, and refusals that touch nothing.
extension TransferCLITests {
    @Test func backupWhileOtherProcessesAppendRestoresToAnIntactPrefix() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        let names = (1...6).map { "Store \($0)" }
        let writers = try names.map { try cli.start(["channels", "create", $0, "--transport", "sandbox"]) }
        var backups: [(file: String, head: Int)] = []
        for index in 1...3 {
            let file = cli.path("backup-\(index).sqlite")
            let run = try cli("backup", file, "--json")
            #expect(run.status == 0, "\(run)")
            #expect(!run.stderr.localizedCaseInsensitiveContains("locked"), "\(run)")
            backups.append((file, try #require(try run.object()["headPosition"] as? Int)))
        }
        for (process, out, err) in writers {
            process.waitUntilExit()
            let run = cli.finish(process, out, err)
            #expect(run.status == 0, "\(run)")
        }
        let live = try cli.log()
        #expect(live.count == 3 + names.count)

        for (index, backup) in backups.enumerated() {
            let restored = cli.path("restored-\(index).sqlite")
            let restore = try cli("restore", backup.file, "--store", restored, "--json")
            #expect(restore.status == 0, "\(restore)")
            #expect(try restore.object()["headPosition"] as? Int == backup.head)
            let verify = try cli("verify", "--store", restored, "--json")
            #expect(verify.status == 0, "\(verify)")
            #expect(try verify.object()["headPosition"] as? Int == backup.head)
            let copy = try cli.log(store: restored)
            #expect(try CLI.canonical(copy) == CLI.canonical(Array(live.prefix(backup.head))), "a prefix of the log")
            let channels = try cli("channels", "list", "--json", "--store", restored).array()
            #expect(channels.count == backup.head - 3, "the read models match the copy's events")
            #expect(Set(channels.compactMap { $0["name"] as? String }).isSubset(of: names))
        }
        #expect(try cli("verify").status == 0)
    }

    @Test func restoreRefusesAnExistingTarget() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        let backup = cli.path("ledger.backup")
        #expect(try cli("backup", backup).status == 0)
        let restored = cli.path("restored.sqlite")
        #expect(try cli("restore", backup, "--store", restored).status == 0)
        #expect(try cli("channels", "create", "Later", "--transport", "sandbox", "--store", restored).status == 0)
        let notes = cli.path("notes.txt")
        try "not a store\n".write(toFile: notes, atomically: true, encoding: .utf8)

        for target in [restored, notes] {
            let before = FileManager.default.contents(atPath: target)
            let run = try cli("restore", backup, "--store", target)
            #expect(run.status != 0, "\(run)")
            #expect(run.errorLines.count == 1, "\(run)")
            #expect(run.stderr.contains(target), "\(run)")
            #expect(FileManager.default.contents(atPath: target) == before, "\(target) is untouched")
        }
        // The store the backup was taken from, unchanged since, holds the backup's log: nothing to do.
        let history = try cli("history", "--json").stdout
        let same = try cli("restore", backup, "--store", cli.store)
        #expect(same.status == 0 && same.stdout.hasPrefix("already restored"), "\(same)")
        #expect(try cli("history", "--json").stdout == history, "its log untouched")
        // Once it has moved on, it is another log: refused, untouched.
        #expect(try cli("channels", "create", "After", "--transport", "sandbox").status == 0)
        let moved = try cli("history", "--json").stdout
        let refused = try cli("restore", backup, "--store", cli.store)
        #expect(refused.status == 64 && refused.stderr.contains("exists"), "\(refused)")
        #expect(try cli("history", "--json").stdout == moved, "untouched")
        #expect(try cli("channels", "show", "Later", "--store", restored).status == 0)
        // A file that is no backup, or none at all, makes no store.
        for (source, code) in [(notes, Int32(9)), (cli.path("missing.backup"), Int32(4))] {
            let target = cli.path("from-\(code).sqlite")
            let run = try cli("restore", source, "--store", target)
            #expect(run.status == code, "\(run)")
            #expect(run.errorLines.count == 1, "\(run)")
            #expect(run.stderr.contains(source), "\(run)")
            #expect(!run.stderr.contains("init"), "a backup to restore is not a store to init: \(run.stderr)")
            #expect(!cli.anyStoreFile(at: target))
        }
    }

    @Test func backupProblemsAreOneLineNamingThePath() throws {
        let cli = try CLI()
        _ = try cli.prepared()
        let folder = cli.path("no-such-folder")
        let missing = try cli("backup", folder + "/ledger.backup")
        #expect(missing.status == 64, "\(missing)")
        #expect(!missing.stderr.contains("--store"), "the backup file is an argument: \(missing)")
        #expect(missing.errorLines.count == 1, "\(missing)")
        #expect(missing.stderr.contains(folder), "\(missing)")
        #expect(!FileManager.default.fileExists(atPath: folder))

        let notes = cli.path("notes.txt")
        try "not a store\n".write(toFile: notes, atomically: true, encoding: .utf8)
        let notAStore = try cli("backup", cli.path("notes.backup"), "--store", notes)
        #expect(notAStore.status == 9, "\(notAStore)")
        #expect(notAStore.errorLines.count == 1, "\(notAStore)")
        #expect(notAStore.stderr.contains("not a channel-ledger store"), "\(notAStore)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("notes.backup")))

        let noStore = try cli("backup", cli.path("none.backup"), "--store", cli.path("none.sqlite"))
        #expect(noStore.status == 4, "\(noStore)")
        #expect(noStore.errorLines.count == 1, "\(noStore)")
        #expect(!cli.anyStoreFile(at: cli.path("none.sqlite")))

        // An existing file is never overwritten, and the message is about the backup, not about init.
        let existing = try cli("backup", notes)
        #expect(existing.status != 0, "\(existing)")
        #expect(existing.errorLines.count == 1, "\(existing)")
        #expect(existing.stderr.contains(notes), "\(existing)")
        #expect(!existing.stderr.contains("init"), "a backup target is not a store to init: \(existing.stderr)")
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "not a store\n")
    }
}
