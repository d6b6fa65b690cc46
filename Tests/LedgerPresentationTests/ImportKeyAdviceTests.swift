import ChannelLedger
import LedgerPresentation
import LedgerWiring
import Testing

/// An import refused for a subject key the store holds otherwise, as the CLI explains it.
@Suite("Import key conflicts, as the CLI explains them")
struct ImportKeyAdviceTests {
    @Test("a key conflict names the subject, the file's line and what the store holds, on one line; exit 3")
    func keyConflict() {
        let error = LedgerError.importKeyConflict(line: 7, subject: "customer:bwpc-0a1b", imported: 41)
        let (failure, line) = FailureReport.describe(error, stores: Wiring.stores(logger: .init(label: "test")))
        #expect(failure == .refused)
        #expect(!line.contains("\n"))
        #expect(
            line
                == "the store already holds a different key for customer:bwpc-0a1b than the file's line 7 carries; the store holds the file up to position 41; import a whole export into a new store"
        )
    }
}
