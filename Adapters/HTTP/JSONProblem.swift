/// Describes a decoding failure by its kind and coding path only, never a value from the body.
enum JSONProblem {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "the answer is not JSON" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \(path(context.codingPath + [key]))"
        case .valueNotFound(_, let context):
            return "null at \(path(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) is not \(type)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the answer is not JSON" : "unreadable \(path(context.codingPath))"
        @unknown default:
            return "the answer is not the expected JSON"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return text.isEmpty ? "the top level" : String(text.drop { $0 == "." })
    }
}
