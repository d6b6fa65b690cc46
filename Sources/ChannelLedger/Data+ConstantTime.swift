import Foundation

extension Data {
    /// Whether two byte strings are equal, taking the same time wherever they differ.
    func constantTimeEquals(_ other: Data) -> Bool {
        guard count == other.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(self, other) { difference |= left ^ right }
        return difference == 0
    }
}
