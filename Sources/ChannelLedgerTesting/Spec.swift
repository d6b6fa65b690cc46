import EventSourcing
import Testing

/// A given/when/then test of a decider: `Spec(Channel.self).given([...]).when(.launch(connectedAppAuthorized: true)).then([...])`.
///
/// Failures are recorded as Swift Testing issues at the caller's source location.
public struct Spec<D: Decider> where D.Event: Equatable {
    /// The events already in the stream.
    public let history: [D.Event]
    /// The command under test, once `when` was called.
    public let command: D.Command?

    /// Starts a spec for a decider with an empty stream.
    public init(_ decider: D.Type) {
        self.init(history: [], command: nil)
    }

    private init(history: [D.Event], command: D.Command?) {
        self.history = history
        self.command = command
    }

    /// Adds events to the stream's history.
    public func given(_ events: [D.Event]) -> Spec {
        Spec(history: history + events, command: command)
    }

    /// Sets the command to decide.
    public func when(_ command: D.Command) -> Spec {
        Spec(history: history, command: command)
    }

    /// The state the history folds to.
    public var givenState: D.State { D.fold(history) }

    /// Expects the command to produce exactly these events; returns the state after them.
    @discardableResult
    public func then(
        _ expected: [D.Event],
        fileID: String = #fileID,
        filePath: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) -> D.State {
        let location = SourceLocation(fileID: fileID, filePath: filePath, line: line, column: column)
        guard let produced = run(at: location) else { return givenState }
        #expect(produced == expected, "decided events differ from the expected ones", sourceLocation: location)
        return D.fold(produced, from: givenState)
    }

    /// Expects the command to produce no events (an idempotent no-op).
    public func thenNothing(
        fileID: String = #fileID,
        filePath: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        let location = SourceLocation(fileID: fileID, filePath: filePath, line: line, column: column)
        guard let produced = run(at: location) else { return }
        #expect(produced.isEmpty, "expected no events, decided \(produced)", sourceLocation: location)
    }

    /// Expects the command to throw exactly this error.
    public func thenThrows<E: Error & Equatable>(
        _ expected: E,
        fileID: String = #fileID,
        filePath: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        let location = SourceLocation(fileID: fileID, filePath: filePath, line: line, column: column)
        guard let error = thrown(at: location) else { return }
        guard let actual = error as? E else {
            Issue.record(
                "expected \(E.self).\(expected), caught \(type(of: error)): \(error)", sourceLocation: location)
            return
        }
        #expect(actual == expected, "decide threw a different error", sourceLocation: location)
    }

    /// Expects the command to throw an error that satisfies a predicate.
    public func thenThrows(
        fileID: String = #fileID,
        filePath: String = #filePath,
        line: Int = #line,
        column: Int = #column,
        where predicate: (any Error) -> Bool
    ) {
        let location = SourceLocation(fileID: fileID, filePath: filePath, line: line, column: column)
        guard let error = thrown(at: location) else { return }
        #expect(predicate(error), "decide threw \(error), which does not match", sourceLocation: location)
    }

    /// Runs decide, recording an issue when there is no command or it throws.
    private func run(at location: SourceLocation) -> [D.Event]? {
        guard let command else {
            Issue.record("the spec has no command: call when(_:) before then", sourceLocation: location)
            return nil
        }
        do {
            return try D.decide(command, givenState)
        } catch {
            Issue.record("decide threw \(error)", sourceLocation: location)
            return nil
        }
    }

    /// Runs decide and returns its error, recording an issue when it does not throw.
    private func thrown(at location: SourceLocation) -> (any Error)? {
        guard let command else {
            Issue.record("the spec has no command: call when(_:) before then", sourceLocation: location)
            return nil
        }
        do {
            let produced = try D.decide(command, givenState)
            Issue.record("expected an error, decided \(produced)", sourceLocation: location)
            return nil
        } catch {
            return error
        }
    }
}
