import ChannelDomain
import EventSourcing
import Foundation
import Testing

/// The order payloads a fold reads once per order have readers of their own (``StrictJSONReadable``):
/// on every payload they read, they answer what `JSONDecoder` answers; everything else they leave.
@Suite struct OrderPayloadReadingTests {
    typealias F = OrderFixture

    /// `OrderReceived` payloads as the ledger writes them.
    static let received: [OrderReceived] = [
        F.received,
        OrderReceived(orderId: "o-2", targetId: "t"),
        OrderReceived(
            orderId: "322-0000-000001", targetId: "t\u{e9}\u{1F600}",
            aliases: [.init(aliasType: "A", aliasId: "\"q\"\n")],
            currencies: ["USD", "EUR"], skus: ["B0\\1"], externalSkus: [], lineCount: Int.max,
            totals: ["USD": "1.00", "EUR": "-0.5"], customerId: nil, emailDomain: "shop.example",
            personal: SealedPersonalData(subject: "customer:order:o", keyId: nil, ciphertext: "AA==")),
    ]

    /// `OrderAssociated` payloads as the ledger writes them.
    static let associated: [OrderAssociated] = [
        OrderAssociated(channelId: F.eu, reason: F.byRule),
        OrderAssociated(channelId: F.us, reason: .rule(name: "rest", flowRevision: 0, skipped: ["eu", "uk"])),
        OrderAssociated(channelId: F.us, reason: .manual(text: "moved by hand \u{2014} ticket 7")),
        OrderAssociated(channelId: F.us, reason: .upgrade),
    ]

    /// Given a payload the ledger wrote, then its own reader reads it, equal to JSONDecoder's value.
    @Test(arguments: received) func anOrderReceivedAsWrittenIsReadAsJSONDecoderReadsIt(_ payload: OrderReceived) throws
    {
        let bytes = try payload.encoded()
        let json = try #require(StrictJSON(bytes))
        let read = try #require(try? OrderReceived(strictJSON: json))
        #expect(read == payload)
        #expect(read == (try JSONDecoder().decode(OrderReceived.self, from: bytes)))
        #expect(read.emailDomain == payload.emailDomain)
    }

    @Test(arguments: associated) func anOrderAssociatedAsWrittenIsReadAsJSONDecoderReadsIt(_ payload: OrderAssociated)
        throws
    {
        let bytes = try payload.encoded()
        let json = try #require(StrictJSON(bytes))
        let read = try #require(try? OrderAssociated(strictJSON: json))
        #expect(read == payload)
        #expect(read == (try JSONDecoder().decode(OrderAssociated.self, from: bytes)))
    }

    /// A payload written before the email domain was lower-cased on receipt keeps its case, as
    /// `JSONDecoder` keeps it.
    @Test func anEmailDomainIsReadAsRecorded() throws {
        let bytes = Data(
            #"{"aliases":[],"currencies":[],"emailDomain":"Shop.EXAMPLE","externalSkus":[],"lineCount":0,"orderId":"o","skus":[],"targetId":"t","totals":{}}"#
                .utf8)
        let json = try #require(StrictJSON(bytes))
        let read = try #require(try? OrderReceived(strictJSON: json))
        #expect(read.emailDomain == "Shop.EXAMPLE")
        #expect(read == (try JSONDecoder().decode(OrderReceived.self, from: bytes)))
    }

    static let minimal =
        #""aliases":[],"currencies":["USD"],"externalSkus":[],"lineCount":1,"orderId":"o","skus":[],"targetId":"t","totals":{}"#
    static let uuid = "0192f3a0-0000-7000-8000-0000000000e1"

    /// Payloads another writer might make that JSONDecoder reads, and whether the reader reads them
    /// too (equal to JSONDecoder's value) or leaves them to it.
    static let readableElsewhere: [(type: String, json: String, read: Bool)] = [
        ("OrderReceived", "{" + minimal + #","customerId":null,"emailDomain":null,"personal":null}"#, true),
        ("OrderReceived", " {\n" + minimal.replacingOccurrences(of: ",", with: " , ") + " } ", true),
        ("OrderReceived", "{" + minimal + #","personal":{"subject":"s","ciphertext":"c","keyId":null}}"#, true),
        ("OrderReceived", "{" + minimal + #","futureField":"x"}"#, false),
        ("OrderReceived", "{" + minimal.replacingOccurrences(of: ":1,", with: ":1.0,") + "}", false),
        ("OrderReceived", "{" + minimal + #","aliases":[]}"#, false),
        ("OrderAssociated", #"{"channelId":""# + uuid.uppercased() + #"","reason":{"kind":"upgrade"}}"#, true),
        ("OrderAssociated", #"{"channelId":""# + uuid + #"","reason":{"kind":"manual","text":"t","name":5}}"#, true),
        (
            "OrderAssociated",
            #"{"channelId":""# + uuid + #"","reason":{"kind":"rule","name":"r","flowRevision":2,"skipped":null}}"#, true
        ),
    ]

    @Test(arguments: readableElsewhere.indices) func aPayloadJSONDecoderReadsIsReadEquallyOrLeft(_ index: Int) throws {
        let (type, json, read) = Self.readableElsewhere[index]
        let bytes = Data(json.utf8)
        let value = StrictJSON(bytes)
        switch type {
        case "OrderReceived":
            let expected = try JSONDecoder().decode(OrderReceived.self, from: bytes)
            let mine = value.flatMap { try? OrderReceived(strictJSON: $0) }
            #expect((mine != nil) == read)
            if let mine { #expect(mine == expected) }
        default:
            let expected = try JSONDecoder().decode(OrderAssociated.self, from: bytes)
            let mine = value.flatMap { try? OrderAssociated(strictJSON: $0) }
            #expect((mine != nil) == read)
            if let mine { #expect(mine == expected) }
        }
    }

    /// Payloads JSONDecoder refuses: the reader leaves every one, so the codec reports JSONDecoder's error.
    static let refused: [(type: String, json: String)] = [
        ("OrderReceived", "{" + minimal.replacingOccurrences(of: #""orderId":"o","#, with: "") + "}"),
        ("OrderReceived", "{" + minimal.replacingOccurrences(of: #""orderId":"o""#, with: #""orderId":null"#) + "}"),
        ("OrderReceived", "{" + minimal.replacingOccurrences(of: #"["USD"]"#, with: #"["USD",null]"#) + "}"),
        ("OrderReceived", "{" + minimal.replacingOccurrences(of: #""totals":{}"#, with: #""totals":{"USD":1}"#) + "}"),
        ("OrderReceived", "{" + minimal.replacingOccurrences(of: ":1,", with: #":"1","#) + "}"),
        ("OrderReceived", "{" + minimal + #","customerId":7}"#),
        ("OrderReceived", "{" + minimal + #","personal":{"subject":"s"}}"#),
        ("OrderAssociated", #"{"channelId":"not-a-uuid","reason":{"kind":"upgrade"}}"#),
        ("OrderAssociated", #"{"channelId":""# + uuid + #"","reason":{"kind":"later"}}"#),
        ("OrderAssociated", #"{"channelId":""# + uuid + #"","reason":{"kind":"rule","name":"r"}}"#),
        ("OrderAssociated", #"{"channelId":""# + uuid + #"","reason":{"kind":"manual"}}"#),
        ("OrderAssociated", #"{"channelId":""# + uuid + #""}"#),
    ]

    @Test(arguments: refused.indices) func aPayloadJSONDecoderRefusesIsLeftToIt(_ index: Int) throws {
        let (type, json) = Self.refused[index]
        let bytes = Data(json.utf8)
        let value = StrictJSON(bytes)
        #expect(throws: EventCodecError.self) {
            try OrderEvent.codec.decode(type: type, schemaVersion: 1, payload: bytes)
        }
        guard let value else { return }
        switch type {
        case "OrderReceived": #expect((try? OrderReceived(strictJSON: value)) == nil)
        default: #expect((try? OrderAssociated(strictJSON: value)) == nil)
        }
    }
}
