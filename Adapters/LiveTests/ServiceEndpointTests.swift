import LiveHTTP
import Testing
import Transport

@Suite("LiveHTTP: endpoints (https everywhere, http on loopback only)")
struct ServiceEndpointTests {
    @Test(arguments: [
        ("https://api.buywithprime.amazon.com", "https://api.buywithprime.amazon.com"),
        ("https://Example.my.salesforce.com/", "https://Example.my.salesforce.com"),
        ("https://example.test:8443/base/", "https://example.test:8443/base"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.9.8.7", "http://127.9.8.7"),
        ("http://localhost:1234", "http://localhost:1234"),
        ("http://[::1]:1234", "http://[::1]:1234"),
    ])
    func accepted(text: String, normalized: String) throws {
        #expect(try ServiceEndpoint(text, service: .salesforce).description == normalized)
        #expect(try ServiceEndpoint.checked(text, service: .salesforce) == ServiceEndpoint(text, service: .salesforce))
        #expect(try ServiceEndpoint.checked(text, service: .salesforce).description == normalized, "from the memo")
    }

    @Test func aRefusedEndpointIsRefusedEveryTimeNotRemembered() {
        for _ in 0..<2 {
            #expect(
                throws: TransportError.unavailable(
                    service: .buyWithPrime, reason: "http:// is allowed for loopback hosts only")
            ) {
                try ServiceEndpoint.checked("http://example.com", service: .buyWithPrime)
            }
        }
    }

    @Test(arguments: [
        "http://example.com", "http://10.0.0.1", "http://127.0.0.1.example.com", "http://128.0.0.1",
        "http://[::2]", "http://localhost.example.com",
    ])
    func plainHTTPElsewhereIsRefused(text: String) {
        #expect(
            throws: TransportError.unavailable(
                service: .buyWithPrime, reason: "http:// is allowed for loopback hosts only")
        ) {
            try ServiceEndpoint(text, service: .buyWithPrime)
        }
    }

    @Test(arguments: [
        "ftp://example.com", "example.com", "https://", "https://user:pw@example.com", "https://e.test/?a=b",
    ])
    func otherURLsAreRefusedWithoutEchoingThem(text: String) {
        do {
            _ = try ServiceEndpoint(text, service: .salesforce)
            Issue.record("accepted \(text)")
        } catch {
            guard case .unavailable(.salesforce, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(!reason.contains("pw"))
        }
    }

    @Test func requestsPercentEncodeQueryValues() throws {
        let endpoint = try ServiceEndpoint("https://e.test/base", service: .salesforce)
        let request = endpoint.request(.get, "/query", query: [("q", "SELECT Id FROM X WHERE A = 'a&b=c'+")])
        #expect(request.path == "/base/query?q=SELECT%20Id%20FROM%20X%20WHERE%20A%20%3D%20%27a%26b%3Dc%27%2B")
        #expect(request.authority == "e.test")
        #expect(request.scheme == "https")
    }

    @Test func percentEncodingKeepsOnlyUnreservedBytesAndEncodesEachOtherUTF8Byte() {
        #expect(ServiceEndpoint.percentEncoded("Az09-._~") == "Az09-._~")
        #expect(ServiceEndpoint.percentEncoded("é/ \n\u{7F}") == "%C3%A9%2F%20%0A%7F")
        #expect(ServiceEndpoint.percentEncoded("") == "")
    }

    @Test(
        "loopback is localhost, ::1 or 127.0.0.0/8 written as four decimal numbers",
        arguments: [
            ("localhost", true), ("LOCALHOST", true), ("::1", true), ("[::1]", true), ("127.0.0.1", true),
            ("127.1.2.3", true), ("127.0.0.+1", false), ("127.0.0.1.", false), ("127.0.0", false),
            ("128.0.0.1", false), ("127.0.0.256", false), ("127.0.0.-1", false), ("localhost.example.com", false),
            ("0x7f.0.0.1", false),
        ])
    func loopback(host: String, isLoopback: Bool) {
        #expect(LoopbackHost.contains(host) == isLoopback)
    }
}
