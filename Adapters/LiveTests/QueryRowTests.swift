import Foundation
import Testing

@testable import SalesforceLive

@Suite("Salesforce: a query's rows")
struct QueryRowTests {
    @Test func textFieldsAreReadByLowerCasedNameAndTheRestLeftOut() throws {
        let json = #"""
            {"totalSize": 2, "done": true, "records": [
              {"attributes": {"type": "Order", "url": "/services/data/v62.0/sobjects/Order/801A"},
               "Id": "801A", "BWP_Order_Id__C": "322-A", "salesChannelId": "0bI1"},
              {"attributes": {"type": "Order"}, "ID": "801B", "bwp_order_id__c": "322-B",
               "SalesChannelId": null, "TotalAmount": 12.5}
            ]}
            """#
        let rows = try JSONDecoder().decode(QueryResult<QueryRow>.self, from: Data(json.utf8)).records
        #expect(
            rows.map(\.text) == [
                ["id": "801A", "bwp_order_id__c": "322-A", "saleschannelid": "0bI1"],
                ["id": "801B", "bwp_order_id__c": "322-B"],
            ])
    }
}
