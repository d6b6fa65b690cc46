import SalesforceLive
import Testing
import Transport

@Suite("Salesforce: SOQL escaping")
struct SOQLTests {
    @Test(arguments: [
        ("A1V6B8K3QZ7XUS", #"'A1V6B8K3QZ7XUS'"#),
        ("O'Brien", #"'O\'Brien'"#),
        (#"back\slash"#, #"'back\\slash'"#),
        (#"x' OR Id != '"#, #"'x\' OR Id != \''"#),
        (#"\'"#, #"'\\\''"#),
        ("", "''"),
    ])
    func quoted(value: String, literal: String) {
        #expect(SOQL.quoted(value) == literal)
    }

    @Test func theSalesChannelQueryQuotesTheTargetID() {
        #expect(
            SOQL.salesChannel(externalChannelNumber: "T'1")
                == #"SELECT Id, SalesChannelName, Type, ExternalChannelNumber FROM SalesChannel WHERE ExternalChannelNumber = 'T\'1'"#
        )
    }

    @Test func theOrderQueryListsEachIDQuoted() {
        #expect(
            SOQL.orders(["a", "b'c"], by: "Ext__c", reading: "SalesChannelId")
                == #"SELECT Id, Ext__c, SalesChannelId FROM Order WHERE Ext__c IN ('a', 'b\'c')"#)
    }

    @Test(arguments: [
        ("Amazon_bwp_oms__amazonBwpOrderID__c", true), ("SalesChannelId", true), ("", false), ("1Field", false),
        ("Id, Name", false), ("Id FROM User --", false), ("Ext__c)", false), ("_x", false),
    ])
    func fieldNames(name: String, valid: Bool) {
        #expect(SOQL.isFieldName(name) == valid)
    }

    @Test func aBadFieldNameIsRefusedAsSalesforceWould() {
        #expect(throws: TransportError.self) { try SOQL.checkFieldName("Id FROM User") }
    }
}
