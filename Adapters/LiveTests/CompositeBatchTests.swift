import Foundation
import Testing
import Transport

@testable import SalesforceLive

@Suite("Salesforce: composite batches")
struct CompositeBatchTests {
    @Test(arguments: [(0, [Int]()), (1, [1]), (25, [25]), (26, [25, 1]), (60, [25, 25, 10]), (75, [25, 25, 25])])
    func splitsAtTwentyFive(count: Int, sizes: [Int]) {
        let chunks = CompositeBatch.split(Array(0..<count))
        #expect(chunks.map(\.count) == sizes)
        #expect(chunks.flatMap { $0 } == Array(0..<count))
    }

    @Test func thePlanPatchesOnlyFoundOrdersAndGivesOneResultPerUpdateInOrder() throws {
        let batch = ["A", "B", "C", "D"].map { OrderChannelUpdate(orderID: $0, salesChannelID: "0bC1") }
        let plan = CompositePlan(
            batch,
            found: [
                "A": .init(salesforceID: "801A"), "C": .init(salesforceID: "801C"), "D": .init(salesforceID: "801D"),
            ],
            channelField: "SalesChannelId", apiVersion: "62.0")
        #expect(plan.request.allOrNone == false)
        #expect(plan.request.compositeRequest.map(\.referenceId) == ["order0", "order2", "order3"])
        #expect(
            plan.request.compositeRequest.map(\.url) == [
                "/services/data/v62.0/sobjects/Order/801A", "/services/data/v62.0/sobjects/Order/801C",
                "/services/data/v62.0/sobjects/Order/801D",
            ])
        #expect(
            plan.request.compositeRequest.allSatisfy { $0.method == "PATCH" && $0.body == ["SalesChannelId": "0bC1"] })
        let answer = """
            {"compositeResponse": [
              {"body": null, "httpHeaders": {}, "httpStatusCode": 204, "referenceId": "order0"},
              {"body": [{"errorCode": "FIELD_INTEGRITY_EXCEPTION", "message": "bad channel"}], "httpHeaders": {},
               "httpStatusCode": 400, "referenceId": "order2"}]}
            """
        let responses = try JSONDecoder().decode(CompositeResponse.self, from: Data(answer.utf8)).compositeResponse
        #expect(
            plan.results(from: responses) == [
                .updated(orderID: "A", salesforceID: "801A"),
                .notFound(orderID: "B"),
                .failed(orderID: "C", code: "FIELD_INTEGRITY_EXCEPTION", message: "bad channel"),
                .failed(orderID: "D", code: "NO_RESULT", message: "the composite answer has no result for it"),
            ])
    }

    @Test func anOrderThatReferencesItsChannelAlreadyIsUpdatedWithoutAWrite() throws {
        let batch = ["A", "B"].map { OrderChannelUpdate(orderID: $0, salesChannelID: "0bC1") }
        let found: [String: CompositePlan.FoundOrder] = [
            "A": .init(salesforceID: "801A", salesChannelID: "0bC1"),
            "B": .init(salesforceID: "801B", salesChannelID: "0bC0"),
        ]
        let plan = CompositePlan(batch, found: found, channelField: "SalesChannelId", apiVersion: "62.0")
        #expect(plan.request.compositeRequest.map(\.referenceId) == ["order1"], "only the order on another channel")
        let answer =
            #"{"compositeResponse": [{"body": null, "httpHeaders": {}, "httpStatusCode": 204, "referenceId": "order1"}]}"#
        let responses = try JSONDecoder().decode(CompositeResponse.self, from: Data(answer.utf8)).compositeResponse
        #expect(
            plan.results(from: responses) == [
                .updated(orderID: "A", salesforceID: "801A"), .updated(orderID: "B", salesforceID: "801B"),
            ])
        let settled = CompositePlan(
            [batch[0]], found: ["A": found["A"]!], channelField: "SalesChannelId", apiVersion: "62.0")
        #expect(settled.request.compositeRequest.isEmpty, "nothing to write: no composite request")
    }

    @Test(arguments: [false, true])
    func theRequestsJSONIsTheBytesJSONEncoderWrites(allOrNone: Bool) throws {
        let awkward = [
            "plain", "", "quote \" and backslash \\", "/services/data/v62.0/sobjects/Order/801", "</script>",
            "line\nbreak\ttab\r\u{08}\u{0C}", "\u{00}\u{01}\u{1F}\u{7F}", "é ü 注文 🛒",
        ]
        let request = CompositeRequest(
            allOrNone: allOrNone,
            compositeRequest: awkward.enumerated().map { index, text in
                .init(
                    method: "PATCH", url: "/services/data/v62.0/sobjects/Order/\(text)", referenceId: "order\(index)",
                    body: [
                        "SalesChannelId": text, "Z_Note__c": text + "!", "A_First__c": "a",
                        // Sorted by UTF-8 bytes, these two come in the other order than by `<`.
                        "e\u{301}x": "decomposed", "éa": "composed",
                    ])
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let written = request.json()
        #expect(
            String(decoding: written, as: UTF8.self) == String(decoding: try encoder.encode(request), as: UTF8.self))
        #expect(try JSONSerialization.jsonObject(with: written) is [String: Any])
    }

    @Test func anEmptyRequestIsAnEmptyArray() {
        let json = CompositeRequest(allOrNone: false, compositeRequest: []).json()
        #expect(String(decoding: json, as: UTF8.self) == #"{"allOrNone":false,"compositeRequest":[]}"#)
    }
}
