import Foundation
import LiveHTTP
import Testing

@Suite("LiveHTTP: Retry-After")
struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT

    @Test(arguments: [("120", 120), ("0", 0), (" 5 ", 5), ("007", 7)])
    func seconds(value: String, seconds: Int) {
        #expect(RetryAfter.parse(value, now: now) == .seconds(seconds))
    }

    @Test func hugeSecondsAreClampedToADay() {
        #expect(RetryAfter.parse("99999999999999999999", now: now) == .seconds(86_400))
    }

    @Test(arguments: [
        "Wed, 21 Oct 2015 07:28:30 GMT",  // IMF-fixdate
        "Wednesday, 21-Oct-15 07:28:30 GMT",  // RFC 850
        "Wed Oct 21 07:28:30 2015",  // asctime
    ])
    func httpDates(value: String) {
        #expect(RetryAfter.parse(value, now: now) == .seconds(30))
    }

    @Test func aDateInThePastIsNoWait() {
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", now: now) == .zero)
    }

    @Test(arguments: ["", "-1", "1.5", "soon", "Wed, 32 Oct 2015 07:28:00 GMT", "+3"])
    func invalid(value: String) {
        #expect(RetryAfter.parse(value, now: now) == nil)
    }
}
