import ChannelDomain
import Testing

/// One validator for user text, parameterised by the rules of names, identifiers and keys.
@Suite("Text rules")
struct TextRuleTests {
    @Test(
        "each rule refuses what it must, with the first problem found",
        arguments: [
            (TextRule.name, "", InputProblem.empty), (.name, " \n ", .empty),
            (.name, String(repeating: "x", count: 81), .tooLong(limit: 80)),
            (.name, "EU\u{7}Store", .controlCharacters),
            (.name, "0192F3A0-0000-7000-8000-000000000001", .looksLikeUUID),
            (.identifier, "", .empty), (.identifier, "a b", .whitespace), (.identifier, "a\u{0}b", .controlCharacters),
            (.identifier, String(repeating: "x", count: 201), .tooLong(limit: 200)),
            (.key, " ", .empty), (.key, "3MVG 9", .whitespace), (.key, "3MVG\u{1B}9", .controlCharacters),
        ] as [(TextRule, String, InputProblem)])
    func refuses(rule: TextRule, raw: String, problem: InputProblem) {
        #expect(rule.check(raw) == .failure(problem))
    }

    @Test(
        "what a rule accepts comes back trimmed, and names in NFC",
        arguments: [
            (TextRule.name, "  Cafe\u{301} Store \t", "Caf\u{E9} Store"),
            (.name, String(repeating: "x", count: 80), String(repeating: "x", count: 80)),
            (.identifier, " target-eu-1\n", "target-eu-1"),
            (.identifier, "0192F3A0-0000-7000-8000-000000000001", "0192F3A0-0000-7000-8000-000000000001"),
            (.key, " 3MVG9key ", "3MVG9key"),
            (.key, String(repeating: "k", count: 500), String(repeating: "k", count: 500)),
        ] as [(TextRule, String, String)])
    func accepts(rule: TextRule, raw: String, expected: String) {
        #expect(rule.check(raw) == .success(expected))
    }
}
