/// The two SOQL shapes the sandbox answers, parsed loosely:
/// `SELECT f1, f2 FROM Object WHERE Field = 'value'` and `… WHERE Field IN ('a', 'b')`.
///
/// Keywords are case-insensitive; string literals are single-quoted with backslash escapes (`\'`,
/// `\\`, `\n`, …). Anything else is not parsed (the server answers `MALFORMED_QUERY`).
struct SOQLQuery: Sendable, Equatable {
    /// The selected fields as written.
    var fields: [String]
    /// The object queried, as written.
    var object: String
    /// The field of the condition, as written.
    var whereField: String
    /// The values it must equal (one for `=`).
    var values: [String]

    /// Parses `text`; nil when it is not one of the two shapes.
    init?(_ text: String) {
        guard var tokens = Self.tokens(text) else { return nil }
        guard tokens.keyword("SELECT") else { return nil }
        var fields: [String] = []
        repeat {
            guard let field = tokens.identifier() else { return nil }
            fields.append(field)
        } while tokens.symbol(",")
        guard tokens.keyword("FROM"), let object = tokens.identifier(), tokens.keyword("WHERE"),
            let whereField = tokens.identifier()
        else { return nil }
        var values: [String] = []
        if tokens.symbol("=") {
            guard let value = tokens.literal() else { return nil }
            values = [value]
        } else if tokens.keyword("IN"), tokens.symbol("(") {
            repeat {
                guard let value = tokens.literal() else { return nil }
                values.append(value)
            } while tokens.symbol(",")
            guard tokens.symbol(")") else { return nil }
        } else {
            return nil
        }
        guard tokens.isAtEnd else { return nil }
        (self.fields, self.object, self.whereField, self.values) = (fields, object, whereField, values)
    }

    enum Token: Equatable {
        case word(String)
        case literal(String)
        case symbol(Character)
    }

    /// Splits SOQL into words, quoted literals and the symbols `,`, `(`, `)`, `=`; nil for anything else.
    static func tokens(_ text: String) -> TokenStream? {
        var tokens: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
            } else if ",()=".contains(character) {
                tokens.append(.symbol(character))
                index = text.index(after: index)
            } else if character == "'" {
                guard let (value, end) = literal(in: text, after: index) else { return nil }
                tokens.append(.literal(value))
                index = end
            } else if character.isLetter || character.isNumber || character == "_" || character == "." {
                var end = index
                while end < text.endIndex,
                    text[end].isLetter || text[end].isNumber || text[end] == "_" || text[end] == "."
                {
                    end = text.index(after: end)
                }
                tokens.append(.word(String(text[index..<end])))
                index = end
            } else {
                return nil
            }
        }
        return TokenStream(tokens: tokens)
    }

    /// The literal opening at `quote`: its unescaped value and the index after its closing quote.
    private static func literal(in text: String, after quote: String.Index) -> (String, String.Index)? {
        var value = ""
        var index = text.index(after: quote)
        while index < text.endIndex {
            let character = text[index]
            if character == "'" { return (value, text.index(after: index)) }
            if character == "\\" {
                index = text.index(after: index)
                guard index < text.endIndex else { return nil }
                switch text[index] {
                case "'", "\\", "\"": value.append(text[index])
                case "n": value.append("\n")
                case "r": value.append("\r")
                case "t": value.append("\t")
                case "b": value.append("\u{8}")
                case "f": value.append("\u{C}")
                default: return nil
                }
            } else {
                value.append(character)
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// Tokens read front to back.
    struct TokenStream {
        var tokens: [Token]
        var position = 0

        var isAtEnd: Bool { position == tokens.count }

        /// Consumes the keyword (any case) if it is next.
        mutating func keyword(_ keyword: String) -> Bool {
            guard position < tokens.count, case .word(let word) = tokens[position],
                word.uppercased() == keyword
            else { return false }
            position += 1
            return true
        }

        /// Consumes the symbol if it is next.
        mutating func symbol(_ symbol: Character) -> Bool {
            guard position < tokens.count, tokens[position] == .symbol(symbol) else { return false }
            position += 1
            return true
        }

        /// Consumes and returns a field or object name (a word that starts with a letter).
        mutating func identifier() -> String? {
            guard position < tokens.count, case .word(let word) = tokens[position], word.first?.isLetter == true
            else { return nil }
            position += 1
            return word
        }

        /// Consumes and returns a quoted literal's value.
        mutating func literal() -> String? {
            guard position < tokens.count, case .literal(let value) = tokens[position] else { return nil }
            position += 1
            return value
        }
    }
}
