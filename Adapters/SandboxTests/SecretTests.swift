import Testing
import Transport

@Suite("Secret")
struct SecretTests {
    let value = "s3cr3t-value-that-must-not-print"

    @Test func descriptionsAreRedacted() {
        let secret = Secret(value)
        #expect(secret.description == "<redacted>")
        #expect(secret.debugDescription == "<redacted>")
        #expect(String(describing: secret) == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect("\(secret)" == "<redacted>")
    }

    @Test func dumpAndMirrorNeverShowTheValue() {
        let secret = Secret(value)
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains(value))
        #expect(Mirror(reflecting: secret).children.isEmpty)
    }

    @Test func containersNeverShowTheValue() {
        let authorization = BuyWithPrimeAuthorization(accessToken: Secret(value), expiresIn: 900, targetID: "T")
        var dumped = ""
        dump(authorization, to: &dumped)
        #expect(!dumped.contains(value))
        #expect(!String(describing: authorization).contains(value))
        #expect(!String(describing: [Secret(value)]).contains(value))
        #expect(!String(describing: Optional(Secret(value))).contains(value))
    }

    @Test func revealReturnsTheValue() {
        #expect(Secret(value).reveal() == value)
    }

    @Test(arguments: [
        ("abc", "abc", true),
        ("abc", "abd", false),
        ("abc", "abcd", false),
        ("abcd", "abc", false),
        ("", "", true),
        ("", "a", false),
        ("abc\u{0}", "abc", false),
    ])
    func equality(left: String, right: String, equal: Bool) {
        #expect((Secret(left) == Secret(right)) == equal)
    }
}
