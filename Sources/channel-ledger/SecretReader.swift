import ArgumentParser
import ChannelLedger
import Foundation
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a secret from stdin (`--…-secret-stdin`) or from a no-echo prompt on the terminal.
/// Never from an argument.
enum SecretReader {
    /// Reads the secret named `what` (e.g. "client secret").
    static func secret(_ what: String, fromStdin: Bool, flag: String) throws -> Secret {
        let value = fromStdin ? try readStdin(what) : try prompt(what, flag: flag)
        guard !value.isEmpty else {
            throw SecretInputError.empty(what, flag: flag)
        }
        return Secret(value)
    }

    private static func readStdin(_ what: String) throws -> String {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }

    private static func prompt(_ what: String, flag: String) throws -> String {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else {
            throw SecretInputError.noTerminal(what, flag: flag)
        }
        defer { close(fd) }
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else {
            throw SecretInputError.echoStaysOn(what, flag: flag)
        }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        TerminalGuard.arm(fd: fd, original: original)
        defer { TerminalGuard.disarm() }
        // Echo goes off before the prompt shows, so nothing typed after it can appear.
        _ = tcsetattr(fd, TCSAFLUSH, &silent)
        let promptText = "\(what.prefix(1).uppercased() + what.dropFirst()): "
        _ = promptText.withCString { write(fd, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1, byte != 10, byte != 13 { bytes.append(byte) }
        _ = tcsetattr(fd, TCSAFLUSH, &original)
        _ = "\n".withCString { write(fd, $0, 1) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Restores the terminal's echo if the user presses Ctrl-C at the prompt.
enum TerminalGuard {
    nonisolated(unsafe) static var fd: Int32 = -1
    nonisolated(unsafe) static var original = termios()

    static func arm(fd: Int32, original: termios) {
        Self.fd = fd
        Self.original = original
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(sig) { number in
                if TerminalGuard.fd >= 0 { _ = tcsetattr(TerminalGuard.fd, TCSANOW, &TerminalGuard.original) }
                _ = write(2, "\n", 1)
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    static func disarm() {
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { signal(sig, SIG_DFL) }
        fd = -1
    }
}
