import Foundation
import Testing

@testable import ChannelLedger

/// The publisher's holder text, and telling a dead holder of this host from one at work.
@Suite struct LeaseHolderTests {
    @Test func aHolderReadsAsHostPidMachineAndTheRest() {
        #expect(
            Self.parts("build-7:4242 ops 1a2b3c4d [machine 0badc0de-4026531836]") == [
                "build-7", "4242", "0badc0de-4026531836", "ops 1a2b3c4d",
            ])
        #expect(
            Self.parts("build-7:4242 ops 1a2b3c4d") == ["build-7", "4242", "-", "ops 1a2b3c4d"],
            "written without a machine")
        #expect(Self.parts("[::1]:77 ops") == ["[::1]", "77", "-", "ops"], "the last colon")
        for text in ["", "nonsense", "host:abc ops", "host:0 ops", "host:-3 ops", ":"] {
            #expect(LeaseHolder(text) == nil, "\(text)")
        }
        let current = LeaseHolder(LeaseHolder.current(actor: "ops", tag: "1a2b3c4d"))
        #expect(current?.pid == ProcessInfo.processInfo.processIdentifier)
        #expect(current?.rest == "ops 1a2b3c4d")
        #expect(LeaseHolder.currentMachine != nil, "Linux names its boot and pid namespace")
        #expect(current?.machine == LeaseHolder.currentMachine)
    }

    @Test func onlyAProcessOfThisMachineThatNoLongerRunsHasDied() throws {
        let host = ProcessInfo.processInfo.hostName
        let machine = try #require(LeaseHolder.currentMachine)
        let dead = try Self.pidOfAnEndedProcess()
        #expect(LeaseHolder("\(host):\(dead) ops t [machine \(machine)]")?.diedOnThisMachine == true)
        #expect(
            LeaseHolder("\(host):\(dead) ops t [machine 00000000-1]")?.diedOnThisMachine == false,
            "the same host name on another boot or in another pid namespace (a container): not ours to judge")
        #expect(LeaseHolder("\(host):\(dead) ops t")?.diedOnThisMachine == false, "no machine written")
        #expect(
            LeaseHolder("another-\(host):\(dead) ops t [machine \(machine)]")?.diedOnThisMachine == false,
            "another host's")
        #expect(LeaseHolder(LeaseHolder.current(actor: "ops", tag: "t"))?.diedOnThisMachine == false, "this process")
        #expect(LeaseHolder("\(host):1 ops t [machine \(machine)]")?.diedOnThisMachine == false, "init runs")
    }

    static func parts(_ text: String) -> [String]? {
        LeaseHolder(text).map { [$0.host, String($0.pid), $0.machine ?? "-", $0.rest] }
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
