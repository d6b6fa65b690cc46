import Crypto
import Foundation

extension SHA256Digest {
    /// The digest as `Data`, copied in one go.
    var data: Data {
        withUnsafeBytes { Data($0) }
    }

    /// Whether `stored` holds exactly these bytes (no `Data` made for the comparison).
    func matches(_ stored: Data) -> Bool {
        withUnsafeBytes { digest in
            stored.withUnsafeBytes { stored in
                stored.count == digest.count && memcmp(digest.baseAddress!, stored.baseAddress!, digest.count) == 0
            }
        }
    }
}
