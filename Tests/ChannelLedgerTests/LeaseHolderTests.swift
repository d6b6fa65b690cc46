import Foundation
import Testing

@testable import ChannelLedger

/// The publisher's holder text, and telling a dead holder of this host from one at work.
@Suite struct LeaseHolderTests {
    @Test func aHolderReadsAsHostPidAndTheRest() {
        #expect(Self.parts("build-7:4242 ops 1a2b3c4d") == ["build-7", "4242", "ops 1a2b3c4d"])
        #expect(Self.parts("[::1]:77 ops") == ["[::1]", "77", "ops"], "the last colon")
        for text in ["", "nonsense", "host:abc ops", "host:0 ops", "host:-3 ops", ":"] {
            #expect(LeaseHolder(text) == nil, "\(text)")
        }
        let current = LeaseHolder.current(actor: "ops", tag: "1a2b3c4d")
        #expect(LeaseHolder(current)?.pid == ProcessInfo.processInfo.processIdentifier)
        #expect(LeaseHolder(current)?.rest == "ops 1a2b3c4d")
    }

    @Test func onlyAProcessOfThisHostThatNoLongerRunsHasDied() throws {
        let host = ProcessInfo.processInfo.hostName
        let dead = try Self.pidOfAnEndedProcess()
        #expect(LeaseHolder("\(host):\(dead) ops t")?.diedOnThisHost == true)
        #expect(
            LeaseHolder("another-\(host):\(dead) ops t")?.diedOnThisHost == false, "another host's: not ours to judge")
        #expect(LeaseHolder(LeaseHolder.current(actor: "ops", tag: "t"))?.diedOnThisHost == false, "this process")
        #expect(LeaseHolder("\(host):1 ops t")?.diedOnThisHost == false, "init runs (or cannot be signalled)")
    }

    static func parts(_ text: String) -> [String]? {
        LeaseHolder(text).map { [$0.host, String($0.pid), $0.rest] }
    }

    /// The pid of a child that ran and was reaped.
    static func pidOfAnEndedProcess() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}
