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

    /// The text up to the first whitespace, and the rest with its leading whitespace dropped.
    private static func firstWord(of text: Substring) -> (word: Substring, rest: Substring) {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        let word = text.prefix { !isSpace($0) }
        return (word, text.dropFirst(word.count).drop(while: isSpace))
    }
}
