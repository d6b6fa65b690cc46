import Foundation
import Transport

/// One line a plugin wrote: the answer to a request, by its id.
struct PluginAnswer: Sendable {
    /// The request it answers.
    var id: Int
    /// The `result` as JSON bytes, or the error the plugin reported.
    var outcome: Result<Data, PluginErrorAnswer>

    /// Parses a line; nil when it is not a valid answer (not a JSON object, no integer id, neither
    /// a `result` object nor an `error` object that reads).
    init?(line: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
            let id = object["id"] as? Int
        else { return nil }
        self.id = id
        // Only objects go back through JSONSerialization: given anything else it traps on Linux.
        if let error = object["error"] {
            guard let error = error as? [String: Any], let data = try? JSONSerialization.data(withJSONObject: error),
                let answer = try? JSONDecoder().decode(PluginErrorAnswer.self, from: data)
            else { return nil }
            outcome = .failure(answer)
        } else if let result = object["result"] as? [String: Any],
            let data = try? JSONSerialization.data(withJSONObject: result)
        {
            outcome = .success(data)
        } else {
            return nil
        }
    }
}
