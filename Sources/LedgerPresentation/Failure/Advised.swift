/// An error the CLI can explain: one line saying what went wrong and how to fix it.
///
/// The errors below the CLI carry facts only; this module gives them their advice, and the
/// executable's own errors (a secret that cannot be read) conform where they are declared.
public protocol Advised: Error {
    /// What went wrong and how to fix it, on one line; never a secret.
    var advice: String { get }
}
