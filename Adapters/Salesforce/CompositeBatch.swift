/// Salesforce's composite API takes at most 25 subrequests a call: larger batches are split.
public enum CompositeBatch {
    /// The most subrequests (and orders) one composite call carries.
    public static let maxSubrequests = 25

    /// `items` in consecutive chunks of at most `size` (25), in order; none for none.
    public static func split<Item>(_ items: [Item], size: Int = maxSubrequests) -> [[Item]] {
        let size = max(1, size)
        return stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
    }
}
