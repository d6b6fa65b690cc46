import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who holds a lease, as the publisher writes it: `host:pid actor tag [machine BOOT-NS]`. Lets a
/// pass tell a holder that died on this machine (killed, crashed) from one at work, so a restart
/// after a crash does not wait for the dead holder's lease to run out.
///
/// A host name alone does not name a machine (containers on the host's network share it, cloned
/// machines may too), so the holder also carries the kernel's boot id and the inode of its pid
/// namespace: a pid is only looked up where both match this process's.
struct LeaseHolder: Equatable {
    var host: String
    var pid: Int32
    /// The boot id's first 8 hex digits and the pid namespace's inode, nil when not written.
    var machine: String?
    var rest: String

    /// This process's machine: `BOOT-NS`, nil where either cannot be read (then no holder is
    /// ever judged dead).
    static let currentMachine: String? = {
        guard
            let boot = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines).prefix(8),
            boot.count == 8,
            let namespace = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid"),
            let inode = namespace.firstMatch(of: /\[([0-9]+)\]/)?.1
        else { return nil }
        return "\(boot)-\(inode)"
    }()

    /// The holder text of a pass of this process.
    static func current(actor: String, tag: String) -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier) \(actor) \(tag)"
            + (currentMachine.map { " [machine \($0)]" } ?? "")
    }

    /// Reads `host:pid …`; nil for any other text (a holder written by something else).
    init?(_ text: String) {
        let head = text.prefix { $0 != " " }
        guard let colon = head.lastIndex(of: ":"), let pid = Int32(head[head.index(after: colon)...]), pid > 0 else {
            return nil
        }
        host = String(head[..<colon])
        self.pid = pid
        var rest = String(text.dropFirst(head.count).drop { $0 == " " })
        if let match = rest.firstMatch(of: #/ ?\[machine ([0-9a-f]{8}-[0-9]+)\]$/#) {
            machine = String(match.1)
            rest.removeSubrange(match.range)
        }
        self.rest = rest
    }

    /// Whether the holder is a process of this machine (same boot, same pid namespace) that no
    /// longer runs. A holder of another machine, or one without a machine, counts as alive: its
    /// lease runs out on its own.
    var diedOnThisMachine: Bool {
        guard let machine, machine == Self.currentMachine, host == ProcessInfo.processInfo.hostName,
            pid != ProcessInfo.processInfo.processIdentifier
        else { return false }
        return kill(pid, 0) == -1 && errno == ESRCH
    }
}
