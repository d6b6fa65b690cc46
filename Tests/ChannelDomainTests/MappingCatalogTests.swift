import ChannelDomain
import Testing

@Suite("Mapping catalog")
struct MappingCatalogTests {
    @Test("v1 lists the mappings in order with their Salesforce objects")
    func v1Mappings() {
        let pairs = MappingCatalog.v1.mappings.map { "\($0.name)=\($0.object)" }
        #expect(
            pairs == [
                "order=Order", "order-line=OrderItem", "fulfillment=FulfillmentOrder",
                "fulfillment-line=FulfillmentOrderLineItem", "return=ReturnOrder", "return-line=ReturnOrderLineItem",
                "refund=CreditMemo", "customer=Account", "product=Product2",
            ])
    }

    @Test("v1 required fields and default sources")
    func v1Fields() {
        func fields(_ name: String) -> [String] {
            MappingCatalog.v1.definition(name)?.requiredFields.map { "\($0.field)<-\($0.defaultSource.raw)" } ?? []
        }
        #expect(
            fields("order") == [
                "Amazon_bwp_oms__amazonBwpOrderID__c<-$.id", "EffectiveDate<-$.metadata.createdAt", "Status<-'Draft'",
            ])
        #expect(
            fields("order-line") == [
                "Amazon_bwp_oms__amazonBwpOrderLineID__c<-$.lineItems[].id", "Quantity<-$.lineItems[].amount.value",
                "UnitPrice<-$.lineItems[].product.price.amount",
            ])
        #expect(fields("fulfillment") == ["Amazon_bwp_oms__amazonBwpOrderID__c<-$.id", "Status<-'Allocated'"])
        #expect(
            fields("fulfillment-line") == [
                "Amazon_bwp_oms__amazonBwpOrderLineID__c<-$.lineItems[].id", "Quantity<-$.lineItems[].amount.value",
            ])
        #expect(
            fields("return") == ["Amazon_bwp_oms__amazonBwpOrderID__c<-$.returns.details[].id", "Status<-'Submitted'"])
        #expect(
            fields("return-line") == [
                "Amazon_bwp_oms__amazonBwpOrderLineID__c<-$.returns.details[].returnLineItems[].id"
            ])
        #expect(fields("refund") == ["TotalAmount<-$.refunds.details[].amount.amount"])
        #expect(fields("customer") == ["Name<-$.customer.contact.name"])
        #expect(
            fields("product") == [
                "StockKeepingUnit<-$.lineItems[].product.externalId.value", "Name<-$.lineItems[].product.title",
            ])
    }

    @Test(
        "every compiled-in default source parses",
        arguments: MappingCatalog.v1.mappings.flatMap(\.requiredFields).map(\.defaultSource.raw))
    func defaultsParse(raw: String) throws {
        #expect(try MappingSource(parsing: raw).raw == raw)
    }

    @Test("versions are looked up by number; current is v1")
    func versions() {
        #expect(MappingCatalog.version(1)?.version == 1)
        #expect(MappingCatalog.version(2) == nil)
        #expect(MappingCatalog.version(0) == nil)
        #expect(MappingCatalog.current.version == MappingCatalog.v1.version)
        #expect(MappingCatalog.v1.definition("nope") == nil)
        #expect(MappingCatalog.v1.definition("refund")?.object == "CreditMemo")
    }
}
