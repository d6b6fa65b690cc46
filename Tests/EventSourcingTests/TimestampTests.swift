import EventSourcing
import Foundation
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_764_387_887_123, "2025-11-29T03:44:47.123Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (-1_000, "1969-12-31T23:59:59.000Z"),
        (-86_400_001, "1969-12-30T23:59:59.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
    ])
    func formatsRFC3339InUTC(milliseconds: Int64, text: String) {
        let timestamp = Timestamp(millisecondsSince1970: milliseconds)
        #expect(timestamp.rfc3339 == text)
        #expect(timestamp.description == text)
        #expect(Timestamp(rfc3339: text) == timestamp)
    }

    @Test(arguments: [
        ("2025-11-29T03:44:47Z", Int64(1_764_387_887_000)),
        ("2025-11-29T03:44:47.1Z", 1_764_387_887_100),
        ("2025-11-29T03:44:47.12Z", 1_764_387_887_120),
        ("2025-11-29T03:44:47.123Z", 1_764_387_887_123),
        ("2025-11-29T03:44:47.123456Z", 1_764_387_887_123),
        ("2025-11-29T03:44:47.999999999Z", 1_764_387_887_999),
        ("2025-11-29t03:44:47z", 1_764_387_887_000),
        ("2025-11-29 03:44:47Z", 1_764_387_887_000),
        ("2025-11-29T05:44:47+02:00", 1_764_387_887_000),
        ("2025-11-28T22:14:47.5-05:30", 1_764_387_887_500),
        ("2025-11-29T03:44:47-00:00", 1_764_387_887_000),
        ("2025-11-29", 1_764_374_400_000),
        ("1969-12-31T23:59:59.999Z", -1),
    ])
    func parsesFractionsAndOffsets(text: String, milliseconds: Int64) {
        #expect(Timestamp(rfc3339: text)?.millisecondsSince1970 == milliseconds)
    }

    @Test(arguments: [
        "", "2025", "2025-11", "2025/11/29", "2025-13-01", "2025-00-10", "2025-11-32", "2025-11-29T",
        "2025-11-29T03:44Z",
        "2025-11-29T03:44:47", "2025-11-29T24:00:00Z", "2025-11-29T03:60:00Z", "2025-11-29T03:44:47.Z",
        "2025-11-29T03:44:47+0200", "2025-11-29T03:44:47+02", "2025-11-29T03:44:47Zjunk", "2025-11-29X03:44:47Z",
        "20a5-11-29", "2025-11-29T03:44:47.12aZ",
    ])
    func rejectsMalformedText(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func formatsTheExtremesWithoutTrapping() {
        #expect(!Timestamp(millisecondsSince1970: .min).rfc3339.isEmpty)
        #expect(!Timestamp(millisecondsSince1970: .max).rfc3339.isEmpty)
        #expect(Timestamp(millisecondsSince1970: .max).rfc3339.hasSuffix(".807Z"))
        #expect(Timestamp(millisecondsSince1970: .min).rfc3339.hasSuffix(".192Z"))
    }

    @Test func truncatesDatesToTheMillisecond() {
        #expect(Timestamp(Date(timeIntervalSince1970: 1.2345)).millisecondsSince1970 == 1_234)
        #expect(Timestamp(Date(timeIntervalSince1970: -0.0005)).millisecondsSince1970 == -1)
        #expect(Timestamp(millisecondsSince1970: 1_500).date == Date(timeIntervalSince1970: 1.5))
        #expect(Timestamp(millisecondsSince1970: 1) < Timestamp(millisecondsSince1970: 2))
    }

    @Test func roundTripsAcrossTheCalendar() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let ms = Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &generator)
            let timestamp = Timestamp(millisecondsSince1970: ms)
            #expect(Timestamp(rfc3339: timestamp.rfc3339) == timestamp, "\(ms)")
        }
    }
}
