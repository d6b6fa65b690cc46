import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who holds a lease, as the publisher writes it: `host:pid actor tag`. Lets a pass on the same
/// host tell a holder that died (killed, crashed) from one at work, so a restart after a crash does
/// not wait for the dead holder's lease to run out.
struct LeaseHolder: Equatable {
    var host: String
    var pid: Int32
    var rest: String

    /// The holder text of a pass of this process: `host:pid actor tag`.
    static func current(actor: String, tag: String) -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier) \(actor) \(tag)"
    }

    /// Reads `host:pid …`; nil for any other text (a holder written by something else).
    init?(_ text: String) {
        let head = text.prefix { $0 != " " }
        guard let colon = head.lastIndex(of: ":"), let pid = Int32(head[head.index(after: colon)...]), pid > 0 else {
            return nil
        }
        host = String(head[..<colon])
        self.pid = pid
        rest = String(text.dropFirst(head.count).drop { $0 == " " })
    }

    /// Whether the holder is a process of this host that no longer runs. A process of another host,
    /// or one this process cannot see, counts as alive: its lease runs out on its own.
    var diedOnThisHost: Bool {
        guard host == ProcessInfo.processInfo.hostName, pid != ProcessInfo.processInfo.processIdentifier else {
            return false
        }
        return kill(pid, 0) == -1 && errno == ESRCH
    }
}
