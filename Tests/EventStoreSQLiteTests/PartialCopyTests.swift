import EventSourcing
import Foundation
import Testing

/// Partial copies of `backup` and `restore`: one being written is locked and left alone; one whose
/// writer is gone (its lock free) is removed, with its side files.
@Suite struct PartialCopyTests {
    @Test func givenACopyBeingWrittenAndOneLeftByADeadWriterWhenCleaningThenOnlyTheDeadOneGoes() throws {
        let directory = try TemporaryDirectory()
        let target = directory.file("ledger.sqlite")
        let (live, descriptor) = try #require(PartialFile.create(for: target))
        #expect(live.hasPrefix(target + ".partial-\(getpid())-"))
        // What a killed writer leaves: a copy nobody holds, its journal, and a journal whose copy is gone.
        let dead = target + ".partial-424242-abc"
        for file in [
            dead, dead + "-journal", target + ".partial-7-gone-journal", directory.file("other.sqlite.partial-1"),
        ] {
            #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        }

        PartialFile.removeStale(of: target)

        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(
            left == ["ledger.sqlite.partial-\(getpid())-" + live.split(separator: "-").last!, "other.sqlite.partial-1"])
        PartialFile.remove(live, descriptor: descriptor)
        PartialFile.removeStale(of: target)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["other.sqlite.partial-1"])
    }
}
