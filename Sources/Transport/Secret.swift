import Foundation

/// A secret value that never prints: `description` and `debugDescription` are `"<redacted>"`; not Codable.
///
/// Reflection (`dump`, `Mirror`) shows no children either. Equality runs in constant time for strings
/// of the same length, so comparing a presented secret with a stored one leaks no prefix through timing.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    /// Wraps a secret value.
    public init(_ value: String) {
        self.value = value
    }

    /// Returns the secret value; call it only where the value leaves for its service or the vault.
    public func reveal() -> String {
        value
    }

    /// Always `"<redacted>"`.
    public var description: String { "<redacted>" }

    /// Always `"<redacted>"`.
    public var debugDescription: String { "<redacted>" }

    /// A mirror without children, so `dump` and reflection never reach the value.
    public var customMirror: Mirror {
        Mirror(self, children: [], displayStyle: .struct)
    }

    /// Compares two secrets in constant time (the time depends only on the longer length).
    public static func == (lhs: Secret, rhs: Secret) -> Bool {
        let left = Array(lhs.value.utf8)
        let right = Array(rhs.value.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }
}
