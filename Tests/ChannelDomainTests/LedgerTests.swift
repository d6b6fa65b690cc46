import ChannelDomain
import ChannelLedgerTesting
import Foundation
import Testing

@Suite("Ledger")
struct LedgerTests {
    static let storeID = UUID(uuidString: "0192F3A0-0000-7000-8000-0000000000AA")!
    static let initialized = LedgerEvent.initialized(
        LedgerInitialized(storeId: storeID, keyCheck: "check", schemaVersion: 1))

    @Test("initializing records the store identity")
    func initialize() {
        let state = Spec(Ledger.self)
            .when(.initialize(storeId: Self.storeID, keyCheck: "check", schemaVersion: 1))
            .then([Self.initialized])
        #expect(state == LedgerState(storeId: Self.storeID, keyCheck: "check", format: 1))
        #expect(state.isInitialized)
    }

    @Test("initializing an initialized ledger records nothing")
    func initializeTwice() {
        Spec(Ledger.self)
            .given([Self.initialized])
            .when(.initialize(storeId: UUID(), keyCheck: "other", schemaVersion: 2))
            .thenNothing()
    }

    @Test("a new ledger is not initialized")
    func initialState() {
        #expect(!Ledger.initialState.isInitialized)
        #expect(Ledger.initialState == LedgerState())
    }
}
