/// Which ledger formats a command works on.
public enum FormatRequirement: Sendable {
    /// Only the current format: everything that reads channels, orders, rules or webhooks.
    case current
    /// Any format: the log's own commands (status, verify, history, export, backup, stats,
    /// projections), settings, the connected app, and `upgrade` itself.
    case any
}
