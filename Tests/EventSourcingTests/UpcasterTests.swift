import EventSourcing
import Foundation
import Testing

/// Given a registry of upcasters, when it is checked or used, then chains are complete and applied in order.
@Suite struct UpcasterTests {
    static func adds(_ type: String, from: Int, _ key: String, _ value: Int) -> Upcaster {
        Upcaster(type, from: from, to: from + 1) { $0[key] = value }
    }

    @Test func aCompleteChainIsAccepted() throws {
        let registry = UpcasterRegistry([Self.adds("A", from: 2, "b", 2), Self.adds("A", from: 1, "a", 1)])
        try registry.validate(current: ["A": 3, "B": 1])
    }

    @Test func aMissingStepIsAGap() {
        let registry = UpcasterRegistry([Self.adds("A", from: 1, "a", 1)])
        #expect(throws: UpcasterRegistryError.gap(type: "A", missing: 2, current: 3)) {
            try registry.validate(current: ["A": 3])
        }
        #expect(throws: UpcasterRegistryError.gap(type: "B", missing: 1, current: 2)) {
            try UpcasterRegistry().validate(current: ["B": 2])
        }
    }

    @Test func twoUpcastersFromOneVersionAreRefused() {
        let registry = UpcasterRegistry([Self.adds("A", from: 1, "a", 1), Self.adds("A", from: 1, "a", 2)])
        #expect(throws: UpcasterRegistryError.duplicate(type: "A", from: 1)) {
            try registry.validate(current: ["A": 2])
        }
    }

    @Test func goingBackIsACycleAndJumpingIsRefused() {
        let back = UpcasterRegistry([Upcaster("A", from: 2, to: 1) { _ in }])
        #expect(throws: UpcasterRegistryError.cycle(type: "A", from: 2, to: 1)) { try back.validate(current: ["A": 2]) }
        let same = UpcasterRegistry([Upcaster("A", from: 1, to: 1) { _ in }])
        #expect(throws: UpcasterRegistryError.cycle(type: "A", from: 1, to: 1)) { try same.validate(current: ["A": 2]) }
        let jump = UpcasterRegistry([Upcaster("A", from: 1, to: 3) { _ in }])
        #expect(throws: UpcasterRegistryError.skips(type: "A", from: 1, to: 3)) { try jump.validate(current: ["A": 3]) }
    }

    @Test func upcastersForUnknownTypesOrFutureVersionsAreRefused() {
        #expect(throws: UpcasterRegistryError.unknownType("Z")) {
            try UpcasterRegistry([Self.adds("Z", from: 1, "z", 1)]).validate(current: ["A": 1])
        }
        #expect(throws: UpcasterRegistryError.beyondCurrent(type: "A", to: 3, current: 2)) {
            try UpcasterRegistry([Self.adds("A", from: 1, "a", 1), Self.adds("A", from: 2, "b", 2)])
                .validate(current: ["A": 2])
        }
    }

    @Test func upcastingAppliesEachStepInOrderAndLeavesCurrentPayloadsAlone() throws {
        let registry = UpcasterRegistry([
            Upcaster("A", from: 2, to: 3) { $0["total"] = ($0["first"] as? Int ?? 0) + 10 },
            Upcaster("A", from: 1, to: 2) { $0["first"] = 5 },
        ])
        let lifted = try registry.upcast(Data(#"{"name":"x"}"#.utf8), type: "A", from: 1, to: 3)
        #expect(String(decoding: lifted, as: UTF8.self) == #"{"first":5,"name":"x","total":15}"#)
        let current = Data(#"{"z":1,  "a":2}"#.utf8)
        #expect(try registry.upcast(current, type: "A", from: 3, to: 3) == current)
    }

    /// Given a codec whose payload is at schema 2, when a schema 1 payload is decoded, then the upcaster fills the field.
    @Test func theCodecLiftsOldPayloadsAndRefusesNewerOnes() throws {
        struct Named: EventPayload {
            static let wireName = "Named"
            static let schemaVersion = 2
            var name: String
            var origin: String
        }
        var codec = EventCodec<Named>()
        codec.register(Named.self) { $0 }
        codec.upcasters = UpcasterRegistry([Upcaster("Named", from: 1, to: 2) { $0["origin"] = "cli" }])
        try codec.validate()
        let old = try codec.decode(type: "Named", schemaVersion: 1, payload: Data(#"{"name":"a"}"#.utf8))
        #expect(old == Named(name: "a", origin: "cli"))
        #expect(throws: EventCodecError.unsupportedSchemaVersion(type: "Named", found: 3, supported: 2)) {
            try codec.decode(type: "Named", schemaVersion: 3, payload: Data(#"{"name":"a"}"#.utf8))
        }
        #expect(throws: EventCodecError.unknownType("Other")) {
            try codec.decode(type: "Other", schemaVersion: 1, payload: Data("{}".utf8))
        }
    }
}
