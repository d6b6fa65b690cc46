import ChannelDomain
import EventSourcing
import Foundation
import Testing

@Suite("Mapping sources")
struct MappingSourceTests {
    @Test(
        "paths and literals parse",
        arguments: [
            "$.id", "$.lineItems[].amount.value", "$._private.x1", "$.a[].b[]", "'Draft'", "' spaced value '",
            "'$.not a path'",
        ])
    func valid(raw: String) throws {
        #expect(try MappingSource(parsing: raw).raw == raw)
    }

    @Test(
        "malformed sources are refused",
        arguments: [
            "", "$", "$.", "id", "$id", "$.1abc", "$.a..b", "$.a[", "$.a[0]", "$.a[]x", "$.a-b", " $.id", "$.id ",
            "''", "'", "'it's'", "'open", "Draft", "$.é",
        ])
    func invalid(raw: String) {
        #expect(throws: DomainError.invalidMappingSource(raw)) {
            try MappingSource(parsing: raw)
        }
    }

    @Test("a path exposes its segments")
    func pathSegments() throws {
        let source = try MappingSource(parsing: "$.lineItems[].product.price")
        #expect(
            source.kind
                == .path([
                    .init(name: "lineItems", isArray: true),
                    .init(name: "product", isArray: false),
                    .init(name: "price", isArray: false),
                ]))
    }

    @Test("a literal exposes its body")
    func literalBody() throws {
        #expect(try MappingSource(parsing: "'Allocated'").kind == .literal("Allocated"))
    }

    @Test("a source encodes as a plain JSON string and decodes back")
    func jsonRoundTrip() throws {
        let source = try MappingSource(parsing: "$.lineItems[].id")
        let data = try EventCodecs.encoder().encode([source])
        #expect(String(decoding: data, as: UTF8.self) == #"["$.lineItems[].id"]"#)
        #expect(try JSONDecoder().decode([MappingSource].self, from: data) == [source])
    }

    @Test("decoding an invalid source fails")
    func decodingInvalidFails() {
        let data = Data(#"["not a source"]"#.utf8)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([MappingSource].self, from: data)
        }
    }
}
