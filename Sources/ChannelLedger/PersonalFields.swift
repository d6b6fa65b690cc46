/// An order's personal fields as `orders show` prints them.
public enum PersonalFields: Sendable, Equatable {
    /// In clear.
    case known(PersonalData)
    /// The customer was forgotten: their key is gone and the fields cannot be read.
    case forgotten
}
