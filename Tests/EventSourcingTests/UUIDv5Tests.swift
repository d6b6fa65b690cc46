import EventSourcing
import Foundation
import Testing

@Suite struct UUIDv5Tests {
    @Test("RFC 9562's example: www.example.com in the DNS namespace")
    func rfcExample() {
        let dns = UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")!
        #expect(
            UUIDv5.make(name: "www.example.com", namespace: dns)
                == UUID(uuidString: "2ed6657d-e927-568b-95e1-2665a8aea6a2")!)
    }

    @Test("the same name gives the same id; another name another one")
    func stable() {
        #expect(UUIDv5.make(name: "key-1") == UUIDv5.make(name: "key-1"))
        #expect(UUIDv5.make(name: "key-1") != UUIDv5.make(name: "key-2"))
    }
}
