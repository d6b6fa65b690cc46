/// What `orders reassess` did.
public struct ReassessSummary: Sendable, Equatable {
    /// Unassociated orders the flow looked at.
    public var examined = 0
    /// Of those, the orders it associated.
    public var associated = 0

    /// A summary; none examined by default.
    public init(examined: Int = 0, associated: Int = 0) {
        self.examined = examined
        self.associated = associated
    }
}
