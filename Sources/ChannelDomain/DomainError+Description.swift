extension DomainError {
    /// One line: what is wrong and how to fix it. Never shows a secret.
    public var description: String {
        switch self {
        case .channelNotFound:
            return "the channel does not exist; check its name or id with `\(Fix.list)`"
        case .channelAlreadyExists(let name):
            return
                "a channel with this id already exists (\(q(name))); create the new channel again so it gets a fresh id"
        case .channelArchived(let name):
            return "channel \(q(name)) is archived and can no longer change; create a new channel with `\(Fix.create)`"
        case .connectedAppNotAuthorized(let name):
            return
                "cannot create channel \(q(name)): the connected app is not registered and authorized; run `\(Fix.registerConnectedApp)` first"
        case .unknownCatalogVersion(let version):
            let known = MappingCatalog.all.map { String($0.version) }.joined(separator: ", ")
            return
                "mapping catalog version \(version) is unknown to this build (it knows \(known)); use version \(MappingCatalog.current.version) or upgrade channel-ledger"
        case .invalidChannelName(let name, let problem):
            return invalidName(name, problem)
        case .nameTaken(let name, let takenBy):
            return "a channel named \(q(takenBy)) already exists, so \(q(name)) cannot be used; choose another name"
        case .nameReserved(let name):
            return
                "cannot name a channel \(q(name)): Default is reserved for the channel an upgrade creates; choose another name"
        case .invalidCredential(let channel, let field, let problem):
            return
                "channel \(q(channel)): the \(field) \(phrase(problem)); enter the credentials again with `\(Fix.enterCredentials(channel))`"
        case .targetTaken(let channel, let targetId, let takenBy):
            return
                "channel \(q(channel)) cannot use target ID \(q(targetId)): channel \(q(takenBy)) already holds it; enter this account's own target ID or archive \(q(takenBy)) first"
        case .noCredentials(let channel):
            return
                "channel \(q(channel)) has no Buy with Prime credentials to authorize; enter them with `\(Fix.enterCredentials(channel))`"
        case .credentialsChanged(let channel):
            return
                "the credentials of channel \(q(channel)) changed while they were being authorized; run `\(Fix.authorize(channel))` again"
        case .unknownMapping(let channel, let mapping, let valid):
            return
                "channel \(q(channel)) has no mapping \(q(mapping)); valid mappings are \(valid.joined(separator: ", "))"
        case .invalidMappingSource(let raw):
            return
                "mapping source \(q(raw)) is invalid; write a path such as $.lineItems[].id or a quoted literal such as 'Draft'"
        case .invalidObjectName(let channel, let mapping, let object):
            return
                "mapping \(q(mapping)) of channel \(q(channel)): \(q(object)) is not a Salesforce object API name; \(Fix.apiNameRule)"
        case .invalidFieldName(let channel, let mapping, let field):
            return
                "mapping \(q(mapping)) of channel \(q(channel)): \(q(field)) is not a Salesforce field API name; \(Fix.apiNameRule)"
        case .mappingActive(let channel, let mapping):
            return
                "mapping \(q(mapping)) of channel \(q(channel)) is active, so its object and fields cannot change; deactivate it first with `\(Fix.deactivate(channel, mapping))`"
        case .mappingIncomplete(let channel, let mapping, let missing):
            let fields = missing.map { "--field \($0)=SOURCE" }.joined(separator: " ")
            return
                "mapping \(q(mapping)) of channel \(q(channel)) cannot activate: required \(missing.count == 1 ? "field" : "fields") \(missing.joined(separator: ", ")) \(missing.count == 1 ? "has" : "have") no source; run `\(Fix.configure(channel, mapping)) \(fields)`"
        case .deactivationNeedsSuspend(let channel, let mapping):
            return
                "channel \(q(channel)) is live and mapping \(q(mapping)) must stay active; pass --suspend to deactivate it and suspend the channel: `\(Fix.deactivate(channel, mapping)) --suspend`"
        case .notReadyToLaunch(let channel, let credentials, let inactive):
            return notReady(channel, verb: "launch", credentials, inactive)
        case .notReadyToResume(let channel, let credentials, let inactive):
            return notReady(channel, verb: "resume", credentials, inactive)
        case .launchWhileSuspended(let channel):
            return "channel \(q(channel)) is suspended, so it cannot be launched; run `\(Fix.resume(channel))` instead"
        case .notLive(let channel, let status):
            return
                "channel \(q(channel)) is \(status.rawValue), not live, so it cannot be suspended; only a live channel can be suspended"
        case .notSuspended(let channel, let status):
            return
                "channel \(q(channel)) is \(status.rawValue), not suspended, so it cannot be resumed; run `\(Fix.launch(channel))` to put it live"
        case .emptySuspensionReason(let channel):
            return "suspending channel \(q(channel)) needs a reason; give one with --reason \"why\""
        case .invalidConsumerKey(let problem):
            return
                "the connected app's consumer key \(phrase(problem)); copy it from the connected app in Salesforce Setup and run `\(Fix.registerConnectedApp)` again"
        case .invalidMyDomain(let value):
            return
                "\(q(value)) is not a Salesforce My Domain URL; give https://yourdomain.my.salesforce.com to `\(Fix.registerConnectedApp)`"
        }
    }

    private func invalidName(_ name: String, _ problem: InputProblem) -> String {
        switch problem {
        case .empty:
            "a channel name cannot be empty; give a name such as \"EU Store\""
        case .looksLikeUUID:
            "channel name \(q(name)) looks like a channel id, which would make lookups ambiguous; choose a name that is not a UUID"
        default:
            "channel name \(q(name)) \(phrase(problem)); choose another name"
        }
    }

    private func notReady(_ channel: String, verb: String, _ credentials: CredentialsStatus, _ inactive: [String])
        -> String
    {
        var problems: [String] = []
        var fixes: [String] = []
        switch credentials {
        case .authorized:
            break
        case .none:
            problems.append("no Buy with Prime credentials are entered")
            fixes.append("`\(Fix.enterCredentials(channel))`")
        case .entered:
            problems.append("its credentials are not authorized yet")
            fixes.append("`\(Fix.authorize(channel))`")
        case .failed:
            problems.append("its credentials failed authorization")
            fixes.append("`\(Fix.enterCredentials(channel))` with working credentials")
        }
        if !inactive.isEmpty {
            let names = inactive.map(q).joined(separator: ", ")
            problems.append(inactive.count == 1 ? "mapping \(names) is inactive" : "mappings \(names) are inactive")
            fixes.append("`\(Fix.activateAll(channel))`")
        }
        return
            "channel \(q(channel)) cannot \(verb): \(problems.joined(separator: " and ")); run \(fixes.joined(separator: " and "))"
    }

    private func phrase(_ problem: InputProblem) -> String {
        switch problem {
        case .empty: "is empty"
        case .tooLong(let limit): "is longer than \(limit) characters"
        case .whitespace: "contains whitespace"
        case .controlCharacters: "contains control characters"
        case .looksLikeUUID: "looks like a UUID"
        }
    }
}

/// Quotes user text on one line, escaping quotes and control characters.
private func q(_ text: String) -> String {
    text.debugDescription
}

/// The CLI commands that error messages suggest, kept in one place (they follow the `channel-ledger` CLI).
enum Fix {
    static let list = "channel-ledger channels list"
    static let create = "channel-ledger channels create NAME"
    static let registerConnectedApp = "channel-ledger connected-app register"
    static let apiNameRule = "use letters, digits and underscores, starting with a letter, at most 80 characters"

    static func enterCredentials(_ channel: String) -> String {
        "channel-ledger channels credentials \(q(channel)) --client-id CLIENT_ID --target-id TARGET_ID"
    }
    static func authorize(_ channel: String) -> String { "channel-ledger channels authorize \(q(channel))" }
    static func configure(_ channel: String, _ mapping: String) -> String {
        "channel-ledger mappings configure \(q(channel)) \(mapping)"
    }
    static func deactivate(_ channel: String, _ mapping: String) -> String {
        "channel-ledger mappings deactivate \(q(channel)) \(mapping)"
    }
    static func activateAll(_ channel: String) -> String { "channel-ledger mappings activate \(q(channel)) --all" }
    static func launch(_ channel: String) -> String { "channel-ledger channels launch \(q(channel))" }
    static func resume(_ channel: String) -> String { "channel-ledger channels resume \(q(channel))" }
}
