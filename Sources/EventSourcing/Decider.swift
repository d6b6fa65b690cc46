/// A decider: the pure heart of one stream (Chassaing's Decider).
///
/// `decide` turns a complete command (time, ids and actor already filled in by the
/// application) and the current state into the events to record, or throws a domain
/// error. `evolve` folds one event into the state; it is total and never fails.
/// Neither reads a clock, makes an identifier or touches I/O.
public protocol Decider {
    /// What can be asked of the stream, with every fact the decision needs already filled in.
    associatedtype Command
    /// What can happen to the stream: what `decide` returns and `evolve` folds.
    associatedtype Event
    /// What the stream's events add up to, as far as deciding needs.
    associatedtype State

    /// The state of a stream that has no events yet.
    static var initialState: State { get }

    /// The events a command causes in the given state, or a thrown domain error.
    static func decide(_ command: Command, _ state: State) throws -> [Event]

    /// The state after one more event.
    static func evolve(_ state: State, _ event: Event) -> State
}

extension Decider {
    /// Folds a sequence of events from the initial state.
    public static func fold<S: Sequence>(_ events: S) -> State where S.Element == Event {
        events.reduce(initialState, evolve)
    }

    /// Folds a stream's recorded events, decoded by `codec`, from the initial state.
    public static func fold(_ recorded: [RecordedEvent], codec: EventCodec<Event>) throws -> State {
        try recorded.reduce(initialState) { evolve($0, try codec.decode($1)) }
    }

    /// Folds a sequence of events onto an existing state.
    public static func fold<S: Sequence>(_ events: S, from state: State) -> State where S.Element == Event {
        events.reduce(state, evolve)
    }
}
