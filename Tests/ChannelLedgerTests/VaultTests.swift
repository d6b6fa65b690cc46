import ChannelLedger
import Foundation
import Testing
import Transport

@Suite struct VaultTests {
    @Test func sealsOpensAndFingerprints() throws {
        let vault = Vault(masterKey: .ephemeral())
        let secret = Secret("s3cr3t-value")
        let sealed = try vault.seal(secret)
        #expect(!sealed.ciphertext.contains("s3cr3t"))
        #expect(Data(base64Encoded: sealed.ciphertext).map { $0.range(of: Data("s3cr3t".utf8)) == nil } == true)
        #expect(sealed.fingerprint.count == 16)
        #expect(try vault.open(sealed) == secret)
        #expect(try vault.seal(secret).fingerprint == sealed.fingerprint, "same secret, same fingerprint")
        #expect(try vault.seal(secret).ciphertext != sealed.ciphertext, "fresh nonce every time")
        #expect(vault.fingerprint(Secret("other")) != sealed.fingerprint)
    }

    @Test func anotherKeyCannotOpenAndHasAnotherCheckValue() throws {
        let first = Vault(masterKey: .ephemeral())
        let second = Vault(masterKey: .ephemeral())
        let sealed = try first.seal(Secret("x"))
        #expect(throws: VaultError.self) { try second.open(sealed) }
        #expect(first.masterKey.checkValue != second.masterKey.checkValue)
        #expect(first.fingerprint(Secret("x")) != second.fingerprint(Secret("x")))
    }

    /// How a value prints: description, reflection and `dump`.
    static func printed(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), dumped]
    }

    @Test func printingAKeyOrASealedSecretShowsNeitherTheKeyNorTheCiphertext() throws {
        let key = MasterKey.ephemeral()
        let vault = Vault(masterKey: key)
        let sealed = try vault.seal(Secret("s3cr3t-value"))
        // The key's bytes are not reachable from outside: a mirror that listed them (as `Data`'s
        // does) would print `32 bytes` or a `bytes:` child.
        for value in [key as Any, vault as Any] {
            let texts = Self.printed(value)
            let leaks = texts.filter { $0.contains("32 bytes") || $0.contains("bytes:") }
            #expect(leaks.isEmpty, "\(type(of: value))")
            #expect(texts.allSatisfy { $0.contains("ephemeral") })
        }
        for text in Self.printed(sealed) + ["\([sealed])"] {
            let showsCiphertext = text.contains(sealed.ciphertext)
            #expect(!showsCiphertext)
            #expect(text.contains(sealed.fingerprint))
        }
    }
}
