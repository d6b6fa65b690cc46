import Foundation

extension Data {
    /// Whether these bytes hold `needle` (false for an empty one): its first byte found by `memchr`,
    /// the rest compared by `memcmp`. An import searches every line of a file this way, where
    /// `Data.range(of:)` searched at a tenth of the speed.
    func contains(bytes needle: [UInt8]) -> Bool {
        withUnsafeBytes { raw in
            needle.withUnsafeBytes { wanted in
                guard let base = raw.baseAddress, let first = needle.first else { return false }
                var offset = 0
                while raw.count - offset >= needle.count,
                    let hit = memchr(base + offset, Int32(first), raw.count - offset - needle.count + 1)
                {
                    if memcmp(hit, wanted.baseAddress!, needle.count) == 0 { return true }
                    offset = base.distance(to: UnsafeRawPointer(hit)) + 1
                }
                return false
            }
        }
    }
}
