import Foundation
import LedgerPresentation
import Testing

/// User text in an error line: one line, every invisible character shown, and short whatever its length.
@Suite struct QuotedTests {
    @Test(arguments: [
        ("US Store", #""US Store""#),
        ("say \"hi\" \\ bye", #""say \"hi\" \\ bye""#),
        ("a\nb\r\tc", #""a\nb\r\tc""#),
        ("a\u{0}b\u{7}c\u{1B}d\u{7F}", #""a\u{0}b\u{7}c\u{1B}d\u{7F}""#),
        ("admin\u{202E}txt.exe", #""admin\u{202E}txt.exe""#),
        ("\u{FEFF}EU\u{200B}\u{200F}", #""\u{FEFF}EU\u{200B}\u{200F}""#),
        ("a\u{2028}b\u{2029}c", #""a\u{2028}b\u{2029}c""#),
        ("US\u{A0}Store\u{3000}", #""US\u{A0}Store\u{3000}""#),
        ("\u{E000}\u{378}", #""\u{E000}\u{378}""#),
        ("Café חנות 🛒 \u{FFFD}", "\"Café חנות 🛒 \u{FFFD}\""),
    ])
    func invisibleCharactersAreWrittenOut(_ text: String, _ line: String) {
        #expect(quoted(text) == line)
    }

    @Test func textUpToTheLongestAcceptedNameIsShownWhole() {
        let longest = String(repeating: "é", count: 200)
        #expect(quoted(longest) == "\"\(longest)\"")
    }

    @Test func oneCharacterOfThousandsOfMarksIsCutToo() {
        let line = quoted("e" + String(repeating: "\u{301}", count: 10_000))
        #expect(line.utf8.count < 200, "\(line.utf8.count) bytes")
    }

    @Test func longerTextIsCutAndItsLengthGiven() {
        let line = quoted(String(repeating: "x", count: 10_000) + "\n")
        #expect(line == "\"\(String(repeating: "x", count: 60))…\" (10001 characters)")
    }

    @Test func aPlainPathIsShownAsItIsAndAnyOtherQuoted() {
        #expect(shown("/srv/ledger data/ledger.sqlite") == "/srv/ledger data/ledger.sqlite")
        #expect(shown("/tmp/a\nb") == #""/tmp/a\nb""#)
        #expect(shown("/tmp/say\"hi\"") == #""/tmp/say\"hi\"""#)
        #expect(shown(String(repeating: "d/", count: 150)).hasSuffix("(300 characters)"))
    }
}

/// A suggested command's argument: what a shell would expand inside double quotes is single-quoted.
@Suite struct ShellQuotedTests {
    @Test(arguments: [
        ("US Store", #""US Store""#),
        ("say \"hi\"", #""say \"hi\"""#),
        ("US $HOME", "'US $HOME'"),
        ("a`id`b", "'a`id`b'"),
        ("sale!", "'sale!'"),
        ("it's $5", #"'it'\''s $5'"#),
        ("$\u{200B}", #""$\u{200B}""#),
    ])
    func argumentsAreQuotedSoThatAShellKeepsThem(_ text: String, _ argument: String) {
        #expect(shellQuoted(text) == argument)
    }

    @Test(arguments: ["US $HOME", "a`id`b", "sale!", "it's $5 `x` \"y\" \\z", "US Store", "say \"hi\""])
    func aShellGivesBackTheTextItself(_ text: String) throws {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "printf %s \(shellQuoted(text))"]
        let output = Pipe()
        shell.standardOutput = output
        try shell.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        shell.waitUntilExit()
        #expect(String(decoding: printed, as: UTF8.self) == text)
    }
}
