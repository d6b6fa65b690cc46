import Testing

@testable import SandboxServer

/// The loose parsers: the two SOQL shapes and fault routes.
@Suite struct ParsingTests {
    @Test func soqlEqualsAndInWithEscapes() throws {
        let find = try #require(
            SOQLQuery("select Id, SalesChannelName FROM SalesChannel where ExternalChannelNumber = 'A\\'B\\\\C'"))
        #expect(find.fields == ["Id", "SalesChannelName"])
        #expect(find.object == "SalesChannel")
        #expect(find.whereField == "ExternalChannelNumber")
        #expect(find.values == ["A'B\\C"])
        let batch = try #require(SOQLQuery("SELECT Id, Ext__c FROM Order WHERE Ext__c IN ('a', 'b','c')"))
        #expect(batch.values == ["a", "b", "c"])
    }

    @Test(arguments: [
        "SELECT Id FROM Order", "SELECT Id FROM Order WHERE X = 'a' LIMIT 1", "SELECT FROM Order WHERE X = 'a'",
        "SELECT Id FROM Order WHERE X IN ('a'", "SELECT Id FROM Order WHERE X = 'unterminated",
        "SELECT Id FROM Order WHERE X > 'a'", "DELETE FROM Order",
    ])
    func otherShapesAreNotParsed(text: String) {
        #expect(SOQLQuery(text) == nil)
    }

    @Test func faultRoutesMatchByMethodPathAndPrefix() throws {
        let exact = try #require(FaultPlan.Route("POST /graphql"))
        #expect(exact.matches(method: "POST", path: "/graphql"))
        #expect(!exact.matches(method: "GET", path: "/graphql"))
        #expect(!exact.matches(method: "POST", path: "/token"))
        let prefix = try #require(FaultPlan.Route("* /services/data/*"))
        #expect(prefix.matches(method: "PATCH", path: "/services/data/v62.0/sobjects/Order/801"))
        #expect(FaultPlan.Route("*")?.matches(method: "GET", path: "/anything") == true)
        #expect(FaultPlan.Route("graphql") == nil)

        var plan = FaultPlan()
        plan.add(.serverError, route: exact, count: 2)
        #expect(plan.take(method: "POST", path: "/token") == nil)
        #expect(plan.take(method: "POST", path: "/graphql") == .serverError)
        #expect(plan.take(method: "POST", path: "/graphql") == .serverError)
        #expect(plan.take(method: "POST", path: "/graphql") == nil)
    }
}
