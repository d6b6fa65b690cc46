import Transport

/// The SOQL the transport sends: values quoted and escaped, field names checked, never spliced raw.
public enum SOQL {
    /// `value` as a SOQL string literal: in single quotes, with `\` and `'` escaped as `\\` and `\'`.
    public static func quoted(_ value: String) -> String {
        var literal = "'"
        for character in value {
            switch character {
            case "\\": literal += "\\\\"
            case "'": literal += "\\'"
            default: literal.append(character)
            }
        }
        return literal + "'"
    }

    /// Whether `name` is a field name SOQL can hold as is: a letter, then letters, digits and
    /// underscores (custom fields like `Amazon_bwp_oms__amazonBwpOrderID__c` included).
    public static func isFieldName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
    }

    /// Throws the rejection Salesforce itself would give (`INVALID_FIELD`) when `name` is not a field name.
    public static func checkFieldName(_ name: String) throws(TransportError) {
        guard isFieldName(name) else {
            throw .rejected(
                service: .salesforce, code: "INVALID_FIELD", message: "'\(name)' is not a Salesforce field name")
        }
    }

    /// The query for the `SalesChannel` whose `ExternalChannelNumber` is `number`.
    public static func salesChannel(externalChannelNumber number: String) -> String {
        "SELECT Id, SalesChannelName, Type, ExternalChannelNumber FROM SalesChannel WHERE ExternalChannelNumber = "
            + quoted(number)
    }

    /// The query for the ids of the orders whose `field` holds one of `orderIDs`, with the channel
    /// each references now (`channelField`); both fields must be checked first.
    public static func orders(_ orderIDs: [String], by field: String, reading channelField: String) -> String {
        "SELECT Id, \(field), \(channelField) FROM Order WHERE \(field) IN ("
            + orderIDs.map(quoted).joined(separator: ", ") + ")"
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self)
    }

    fileprivate var isASCIIDigit: Bool {
        ("0"..."9").contains(self)
    }
}
