import Foundation

/// The longest text an error line shows whole: the longest name or id the ledger accepts (a rule
/// name, a client ID) is 200 characters, so anything the ledger could have recorded is shown whole.
let quotedTextLimit = 200
/// How much of a longer text an error line shows before it says how long the text is.
let quotedTextShown = 60

/// User text in double quotes, on one line and as it really is: quotes and backslashes escaped,
/// control and format characters (a newline, a right-to-left override, a byte-order mark, a
/// zero-width space), line or paragraph separators, other spaces and unassigned code points written
/// `\u{…}`, so that an error line can neither be split nor made to read as something else. Text
/// longer than ``quotedTextLimit`` scalars is cut to its first ``quotedTextShown`` and its length:
/// a 10 kB name gives a short line.
public func quoted(_ text: String) -> String {
    // Counted in scalars, not characters: one character may carry thousands of combining marks.
    let length = text.unicodeScalars.count
    let scalars = text.unicodeScalars
    let shown = length > quotedTextLimit ? scalars.prefix(quotedTextShown) : scalars[...]
    var line = "\""
    for scalar in shown {
        switch scalar {
        case "\"": line += "\\\""
        case "\\": line += "\\\\"
        case "\n": line += "\\n"
        case "\r": line += "\\r"
        case "\t": line += "\\t"
        default:
            if isInvisible(scalar) {
                line += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                line.unicodeScalars.append(scalar)
            }
        }
    }
    return length > quotedTextLimit ? line + "…\" (\(length) characters)" : line + "\""
}

/// Whether a scalar would break, disguise or hide in a line: control and format characters, line
/// or paragraph separators, spaces other than U+0020 (a no-break space reads as a space), and
/// private-use or unassigned code points (which show as nothing, or as anything).
private func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate: true
    case .spaceSeparator: scalar != " "
    default: false
    }
}

/// A path, URL or other text a line names, as it is when it holds nothing that could break or
/// disguise the line, else ``quoted(_:)``: `no store at /srv/ledger.sqlite` stays as users know it,
/// while `no store at "/tmp/a\nb"` stays on one line.
public func shown(_ text: String) -> String {
    let plain =
        text.unicodeScalars.count <= quotedTextLimit
        && !text.unicodeScalars.contains { isInvisible($0) || $0 == "\"" || $0 == "\\" }
    return plain ? text : quoted(text)
}

/// User text as one argument of a command a message suggests: as ``quoted(_:)`` shows it, in
/// double quotes, unless it holds `$`, a backtick or `!`, which a shell would expand inside double
/// quotes; then in single quotes (a single quote in it written `'\''`), inside which a shell
/// expands nothing, so the command pasted names exactly that text. Text that ``quoted(_:)`` writes
/// otherwise than as it is (invisible characters, or cut for its length) is shown as it would,
/// for reading rather than pasting.
public func shellQuoted(_ text: String) -> String {
    let expands = text.unicodeScalars.contains { $0 == "$" || $0 == "`" || $0 == "!" }
    let exact =
        text.unicodeScalars.count <= quotedTextLimit && !text.unicodeScalars.contains { isInvisible($0) }
    guard expands, exact else { return quoted(text) }
    return "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
}
