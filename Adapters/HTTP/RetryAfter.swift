import Foundation

/// Reads a `Retry-After` header (RFC 9110 §10.2.3): delay seconds or an HTTP date.
public enum RetryAfter {
    /// The wait `value` asks for, measured from `now`: whole seconds (`120`) or an HTTP date
    /// (`Wed, 21 Oct 2015 07:28:00 GMT`, or the obsolete RFC 850 and asctime forms); a date in
    /// the past is no wait. Nil when the value is neither.
    public static func parse(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            // Seconds beyond a day are clamped: no service means it, and the retry bound stops it anyway.
            guard let seconds = Int(text.prefix(9)) else { return nil }
            return .seconds(min(seconds, 86_400))
        }
        for format in formats {
            if let date = formatter(format).date(from: text) {
                let seconds = max(0, date.timeIntervalSince(now))
                return .milliseconds(Int64((seconds * 1000).rounded(.up)))
            }
        }
        return nil
    }

    /// IMF-fixdate, RFC 850 and asctime, in the order RFC 9110 prefers them.
    private static let formats = [
        "EEE, dd MMM yyyy HH:mm:ss zzz",
        "EEEE, dd-MMM-yy HH:mm:ss zzz",
        "EEE MMM d HH:mm:ss yyyy",
    ]

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = format
        return formatter
    }
}
