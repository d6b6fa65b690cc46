import Foundation

extension RuleCondition {
    /// Parses `FIELD OP VALUE` as typed after `--when`: the field and operator are single words
    /// (any case), the value is the rest of the text, trimmed.
    ///
    /// Throws ``DomainError/unknownConditionField(condition:field:)``,
    /// ``DomainError/unknownConditionOperator(condition:op:)`` or ``DomainError/emptyConditionValue(condition:)``.
    public static func parse(_ text: String) throws -> RuleCondition {
        let condition = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let (fieldWord, afterField) = firstWord(of: Substring(condition))
        guard let field = Field(rawValue: fieldWord.lowercased()) else {
            throw DomainError.unknownConditionField(condition: condition, field: String(fieldWord))
        }
        let (opWord, value) = firstWord(of: afterField)
        guard let op = Operator(rawValue: opWord.lowercased()) else {
            throw DomainError.unknownConditionOperator(condition: condition, op: String(opWord))
        }
        do {
            return try RuleCondition(field, op, String(value))
        } catch {
            throw DomainError.emptyConditionValue(condition: condition)
        }
    }

    /// A condition typed without spaces around its symbol operator (`currency=EUR`, `sku !=B0A`),
    /// spaced as it parses (`currency = EUR`); nil when spacing would not make it a condition.
    public static func spaced(_ text: String) -> String? {
        let condition = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let symbols = Operator.allCases.map(\.rawValue).filter { !$0.contains(where: \.isLetter) }
        let marks = Set(symbols.joined())
        // The longest symbol first, so `!=` is not read as `=`.
        for op in symbols.sorted(by: { $0.count > $1.count }) {
            guard let range = condition.range(of: op) else { continue }
            let field = condition[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = condition[range.upperBound...].trimmingCharacters(in: .whitespaces)
            let spaced = "\(field) \(op) \(value)"
            // `currency == USD` or `=!` is another operator, not a missing space.
            let doubled = value.first.map(marks.contains) == true || field.last.map(marks.contains) == true
            guard spaced != condition, !doubled, (try? parse(spaced)) != nil else { return nil }
            return spaced
        }
        return nil
    }

    /// The text up to the first whitespace, and the rest with its leading whitespace dropped.
    private static func firstWord(of text: Substring) -> (word: Substring, rest: Substring) {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        let word = text.prefix { !isSpace($0) }
        return (word, text.dropFirst(word.count).drop(while: isSpace))
    }
}
