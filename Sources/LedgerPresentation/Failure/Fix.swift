/// The commands and flags that messages suggest, spelled in this one place: renaming a command
/// or a flag of the CLI changes this file and no error type.
enum Fix {
    static let initialize = "channel-ledger init"
    static let list = "channel-ledger channels list"
    static let create = "channel-ledger channels create NAME"
    static let registerConnectedApp = "channel-ledger connected-app register"
    static let registerConnectedAppFully = "channel-ledger connected-app register --consumer-key KEY --my-domain URL"
    static let verify = "channel-ledger verify"
    static let settingsList = "channel-ledger settings list"
    static let export = "channel-ledger export"
    static let backup = "channel-ledger backup"
    static let history = "channel-ledger history"
    static let enterCredentialsBare = "channel-ledger channels credentials"
    static let authorizeBare = "channel-ledger channels authorize"
    static let ordersList = "channel-ledger orders list"
    static let ordersImport = "channel-ledger orders import FILE"
    static let sandboxWebhooks = "channel-ledger sandbox webhooks"
    static let forgetCustomer = "channel-ledger orders forget-customer ID"
    static let webhooksList = "channel-ledger webhooks list"
    static let webhooksAdd = "channel-ledger webhooks add SUBSCRIPTION --username USER --password-stdin"
    static let rulesList = "channel-ledger rules list"
    static let rulesAdd = "channel-ledger rules add NAME --channel CHANNEL --when 'FIELD OP VALUE'"
    static let upgradeAgain = "channel-ledger upgrade"
    static let transportsList = "channel-ledger transports list"
    static let publish = "channel-ledger publish"
    static let publishRetryFailed = "channel-ledger publish --retry-failed"
    static let ordersUnpublished = "channel-ledger orders list --unpublished"
    static let apiNameRule = "use letters, digits and underscores, starting with a letter, at most 80 characters"

    // Flags.
    static let store = "--store"
    static let storePath = "--store PATH"
    static let reason = "--reason \"why\""
    static let suspend = "--suspend"
    static let since = "--since"
    static let asOf = "--as-of"
    static let fieldFlag = "--field"
    static let debugLog = "--log-level debug"
    static let condition = "--when 'FIELD OP VALUE'"

    static func initialize(store: String) -> String { "channel-ledger init --store \(store)" }
    static func upgrade(store: String) -> String { "channel-ledger upgrade --store \(store)" }
    static func rebuild(_ projection: String) -> String { "channel-ledger projections rebuild \(projection)" }
    static func field(_ name: String) -> String { "--field \(name)=SOURCE" }
    static func enterCredentials(_ channel: String) -> String {
        "channel-ledger channels credentials \(shellQuoted(channel)) --client-id CLIENT_ID --target-id TARGET_ID"
    }
    static func authorize(_ channel: String) -> String { "channel-ledger channels authorize \(shellQuoted(channel))" }
    static func configure(_ channel: String, _ mapping: String) -> String {
        "channel-ledger mappings configure \(shellQuoted(channel)) \(mapping)"
    }
    static func deactivate(_ channel: String, _ mapping: String) -> String {
        "channel-ledger mappings deactivate \(shellQuoted(channel)) \(mapping)"
    }
    static func activateAll(_ channel: String) -> String {
        "channel-ledger mappings activate \(shellQuoted(channel)) --all"
    }
    static func launch(_ channel: String) -> String { "channel-ledger channels launch \(shellQuoted(channel))" }
    static func moveTransport(_ channel: String, _ transport: String) -> String {
        "channel-ledger channels transport \(shellQuoted(channel)) --transport \(transport)"
    }
    static func associate(_ order: String) -> String {
        "channel-ledger orders associate \(shellQuoted(order)) --channel CHANNEL"
    }
    static func reassociate(_ order: String) -> String {
        "channel-ledger orders reassociate \(shellQuoted(order)) --channel CHANNEL --reason \"why\""
    }
    static func addRule(_ rule: String) -> String {
        "channel-ledger rules add \(shellQuoted(rule)) --channel CHANNEL --when 'FIELD OP VALUE'"
    }
    static func addTargetIDRule(_ rule: String) -> String {
        "channel-ledger rules add \(shellQuoted(rule)) --by-target-id"
    }
    static func resume(_ channel: String) -> String { "channel-ledger channels resume \(shellQuoted(channel))" }
}
