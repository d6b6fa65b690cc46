import ChannelDomain
import Testing

/// `--when 'FIELD OP VALUE'`: parsed into a condition, or refused with the part that is wrong.
@Suite("Rule conditions")
struct RuleConditionTests {
    @Test(
        "a condition parses and is normalized",
        arguments: [
            ("target-id = target-eu-1", RuleCondition.Field.targetID, RuleCondition.Operator.equal, "target-eu-1"),
            ("  alias   !=  shop-1001 ", .alias, .notEqual, "shop-1001"),
            ("currency in eur, gbp ,,usd", .currency, .in, "EUR,GBP,USD"),
            ("SKU prefix B0", .sku, .prefix, "B0"),
            ("external-sku = MUG red", .externalSKU, .equal, "MUG red"),
            ("email-domain IN Example.com,shop.EXAMPLE.org", .emailDomain, .in, "example.com,shop.example.org"),
        ])
    func parses(text: String, field: RuleCondition.Field, op: RuleCondition.Operator, value: String) throws {
        let condition = try RuleCondition.parse(text)
        #expect(condition.field == field)
        #expect(condition.op == op)
        #expect(condition.value == value)
        #expect(condition == (try RuleCondition(field, op, value)))
    }

    @Test("an `in` list holds its items")
    func inItems() throws {
        #expect(try RuleCondition.parse("currency in eur, gbp").values == ["EUR", "GBP"])
        #expect(try RuleCondition.parse("currency = eur").values == ["EUR"])
    }

    @Test(
        "an unknown field is refused, naming it",
        arguments: [("country = DE", "country"), ("", ""), ("currency=EUR", "currency=EUR")])
    func unknownField(text: String, field: String) {
        #expect(throws: DomainError.unknownConditionField(condition: text, field: field)) {
            try RuleCondition.parse(text)
        }
    }

    @Test(
        "an unknown operator is refused, naming it",
        arguments: [("currency == EUR", "=="), ("currency", ""), ("sku contains B0", "contains")])
    func unknownOperator(text: String, op: String) {
        #expect(throws: DomainError.unknownConditionOperator(condition: text, op: op)) {
            try RuleCondition.parse(text)
        }
    }

    @Test("a condition without a value is refused", arguments: ["currency =", "currency in ,, ", "sku prefix   "])
    func emptyValue(text: String) {
        #expect(throws: DomainError.emptyConditionValue(condition: text.trimmingCharacters(in: .whitespaces))) {
            try RuleCondition.parse(text)
        }
    }

    @Test("the condition prints back as it parses")
    func text() throws {
        #expect(try RuleCondition.parse(" currency  in  eur,gbp ").text == "currency in EUR,GBP")
    }

    @Test(
        "given a condition typed without spaces around its operator, when spaced, then it parses",
        arguments: [
            ("currency=EUR", "currency = EUR"), ("sku !=B0A", "sku != B0A"), ("alias!= SO-1", "alias != SO-1"),
            ("email-domain=a=b.example", "email-domain = a=b.example"),
        ])
    func spaced(typed: String, spaced: String) throws {
        #expect(RuleCondition.spaced(typed) == spaced)
        _ = try RuleCondition.parse(spaced)
    }

    @Test(
        "given a mistake that spacing does not mend, when spaced, then nothing is suggested",
        arguments: [
            "currency = EUR", "colour=red", "currency ~ EUR", "currency=", "=EUR", "sku prefix B0", "currency == USD",
            "currency==USD", "currency =! USD",
        ])
    func notSpaced(typed: String) {
        #expect(RuleCondition.spaced(typed) == nil)
    }
}
