import EventSourcing
import Testing

@testable import ChannelLedger

/// Which imports leave the read models to one rebuild (decision 28): a new store's, of a chunk or more.
@Suite struct ImportThresholdTests {
    static let empty = LogHead(position: 0, hash: HashChain.genesis)

    @Test func aChunkOrMoreIntoAnEmptyStoreIsLeftToARebuild() {
        #expect(LedgerService.leavesReadModelsToARebuild(writing: 2_000, into: Self.empty))
        #expect(LedgerService.leavesReadModelsToARebuild(writing: 1_000_000, into: Self.empty))
    }

    @Test func lessThanAChunkOrIntoAStoreInUseKeepsThemInline() {
        #expect(!LedgerService.leavesReadModelsToARebuild(writing: 1_999, into: Self.empty))
        let used = LogHead(position: 1, hash: HashChain.genesis)
        #expect(!LedgerService.leavesReadModelsToARebuild(writing: 1_000_000, into: used))
    }
}
