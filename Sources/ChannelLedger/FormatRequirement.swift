/// Which ledger formats a command works on.
public enum FormatRequirement: Sendable {
    /// Only the current format: everything that reads channels, orders, rules or webhooks.
    case current
    /// The single-account format or the current one: `upgrade`, which turns the first into the
    /// second and refuses a newer format before touching the store.
    case upgradable
    /// Any format: the log's own commands (status, verify, history, export, backup, stats,
    /// projections), settings and the connected app.
    case any
}
