import Foundation
import Testing

@testable import EventSourcing

/// An import's UUID reader agrees with Foundation's on canonical text and leaves the rest to it.
@Suite struct UUIDCanonicalTests {
    @Test func canonicalTextReadsAsFoundationReadsIt() {
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(UUID(canonical: id.uuidString) == id)
            #expect(UUID(canonical: id.uuidString.lowercased()) == id)
        }
        let mixed = "01A22607-55f9-7BEA-949d-D4DD6DA694FD"
        #expect(UUID(canonical: mixed) == UUID(uuidString: mixed))
    }

    @Test(arguments: [
        "", "01a22607-55f9-7bea-949d-d4dd6da694f", "01a22607-55f9-7bea-949d-d4dd6da694fdd",
        "01a22607+55f9-7bea-949d-d4dd6da694fd", "01a22607-55f9-7bea-949d-d4dd6da694fg",
        "01a2260755f97bea949dd4dd6da694fd0000", "{01a22607-55f9-7bea-949d-d4dd6da694fd}",
        " 1a22607-55f9-7bea-949d-d4dd6da694fd", "01a22607-55f9-7bea-949d-d4dd6da694fé",
    ])
    func otherTextGetsFoundationsVerdict(_ text: String) {
        #expect(UUID(canonical: text) == UUID(uuidString: text))
    }
}
