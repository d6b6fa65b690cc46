import Transport

/// Issues sandbox access tokens: `sandbox-token-` and 32 random bytes in hex, never derived from a secret.
enum SandboxToken {
    /// A fresh random token.
    static func issue() -> Secret {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<4).map { _ in
            let word = generator.next() as UInt64
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return Secret("sandbox-token-" + hex.joined())
    }
}
