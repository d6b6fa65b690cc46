import ChannelDomain

extension DomainError: Advised {
    /// One line: what is wrong and how to fix it. Never shows a secret.
    public var advice: String {
        switch self {
        case .channelNotFound:
            return "the channel does not exist; check its name or id with `\(Fix.list)`"
        case .channelAlreadyExists(let name):
            return
                "a channel with this id already exists (\(quoted(name))); create the new channel again so it gets a fresh id"
        case .channelArchived(let name):
            return
                "channel \(quoted(name)) is archived and can no longer change; create a new channel with `\(Fix.create)`"
        case .connectedAppNotAuthorized(let name):
            return
                "cannot create channel \(quoted(name)): the connected app is not registered and authorized; run `\(Fix.registerConnectedApp)` first"
        case .upgradeNeedsConnectedApp:
            return
                "cannot upgrade: the connected app is not registered and authorized, and the Default channel cannot go live without it; run `\(Fix.registerConnectedApp)` first, then upgrade again"
        case .accountNeedsSingleAccountLedger(let format):
            return
                "account credentials belong to a single-account ledger (format 0), and this ledger is format \(format); give each account a channel with `\(Fix.create)`"
        case .unknownCatalogVersion(let version):
            let known = MappingCatalog.all.map { String($0.version) }.joined(separator: ", ")
            return
                "mapping catalog version \(version) is unknown to this build (it knows \(known)); use version \(MappingCatalog.current.version) or upgrade channel-ledger"
        case .invalidChannelName(let name, let problem):
            return invalidName(name, problem)
        case .nameTaken(let name, let takenBy):
            return
                "a channel named \(quoted(takenBy)) already exists, so \(quoted(name)) cannot be used; choose another name"
        case .nameReserved(let name):
            return
                "cannot name a channel \(quoted(name)): Default is reserved for the channel an upgrade creates; choose another name"
        case .invalidCredential(let channel, let field, let problem):
            return
                "channel \(quoted(channel)): the \(field) \(phrase(problem)); enter the credentials again with `\(Fix.enterCredentials(channel))`"
        case .targetTaken(let channel, let targetId, let takenBy):
            return
                "channel \(quoted(channel)) cannot use target ID \(quoted(targetId)): channel \(quoted(takenBy)) already holds it; enter this account's own target ID or archive \(quoted(takenBy)) first"
        case .noCredentials(let channel):
            return
                "channel \(quoted(channel)) has no Buy with Prime credentials to authorize; enter them with `\(Fix.enterCredentials(channel))`"
        case .credentialsChanged(let channel):
            return
                "the credentials of channel \(quoted(channel)) changed while they were being authorized; run `\(Fix.authorize(channel))` again"
        case .unknownMapping(let channel, let mapping, let valid):
            return
                "channel \(quoted(channel)) has no mapping \(quoted(mapping)); valid mappings are \(valid.joined(separator: ", "))"
        case .invalidMappingSource(let raw):
            return
                "mapping source \(quoted(raw)) is invalid; write a path such as $.lineItems[].id or a quoted literal such as 'Draft'"
        case .invalidObjectName(let channel, let mapping, let object):
            return
                "mapping \(quoted(mapping)) of channel \(quoted(channel)): \(quoted(object)) is not a Salesforce object API name; \(Fix.apiNameRule)"
        case .invalidFieldName(let channel, let mapping, let field):
            return
                "mapping \(quoted(mapping)) of channel \(quoted(channel)): \(quoted(field)) is not a Salesforce field API name; \(Fix.apiNameRule)"
        case .mappingActive(let channel, let mapping, let channelLive):
            let deactivate = Fix.deactivate(channel, mapping) + (channelLive ? " \(Fix.suspend)" : "")
            let suspends = channelLive ? " (the channel is live: this suspends it)" : ""
            return
                "mapping \(quoted(mapping)) of channel \(quoted(channel)) is active, so its object and fields cannot change; deactivate it first with `\(deactivate)`\(suspends)"
        case .mappingIncomplete(let channel, let mapping, let missing):
            let fields = missing.map(Fix.field).joined(separator: " ")
            return
                "mapping \(quoted(mapping)) of channel \(quoted(channel)) cannot activate: required \(missing.count == 1 ? "field" : "fields") \(missing.joined(separator: ", ")) \(missing.count == 1 ? "has" : "have") no source; run `\(Fix.configure(channel, mapping)) \(fields)`"
        case .deactivationNeedsSuspend(let channel, let mapping):
            return
                "channel \(quoted(channel)) is live and mapping \(quoted(mapping)) must stay active; pass \(Fix.suspend) to deactivate it and suspend the channel: `\(Fix.deactivate(channel, mapping)) \(Fix.suspend)`"
        case .notReadyToLaunch(let channel, let connectedApp, let credentials, let inactive):
            return notReady(channel, verb: "launch", connectedApp, credentials, inactive)
        case .notReadyToResume(let channel, let connectedApp, let credentials, let inactive):
            return notReady(channel, verb: "resume", connectedApp, credentials, inactive)
        case .launchWhileSuspended(let channel):
            return
                "channel \(quoted(channel)) is suspended, so it cannot be launched; run `\(Fix.resume(channel))` instead"
        case .notLive(let channel, let status):
            return
                "channel \(quoted(channel)) is \(status.rawValue), not live, so it cannot be suspended; only a live channel can be suspended"
        case .notSuspended(let channel, let status):
            return
                "channel \(quoted(channel)) is \(status.rawValue), not suspended, so it cannot be resumed; run `\(Fix.launch(channel))` to put it live"
        case .emptySuspensionReason(let channel):
            return "suspending channel \(quoted(channel)) needs a reason; give one with \(Fix.reason)"
        case .invalidConsumerKey(let problem):
            return
                "the connected app's consumer key \(phrase(problem)); copy it from the connected app in Salesforce Setup and run `\(Fix.registerConnectedApp)` again"
        case .invalidMyDomain(let value):
            return
                "\(quoted(value)) is not a Salesforce My Domain URL; give https://yourdomain.my.salesforce.com (or http:// on a loopback host, for a local sandbox server) to `\(Fix.registerConnectedApp)`"
        case .invalidEndpoint(let channel, let endpoint):
            return
                "channel \(quoted(channel)): \(quoted(endpoint)) is not a Buy with Prime endpoint; give an https:// URL (http:// only for a loopback host such as 127.0.0.1)"
        case .transportChangeNeedsSuspend(let channel, let transport):
            return
                "channel \(quoted(channel)) is live, so it cannot move to transport \(quoted(transport)) while it works; pass \(Fix.suspend) to suspend it and move it: `\(Fix.moveTransport(channel, transport)) \(Fix.suspend)`"
        case .unknownSetting(let key, let known):
            return
                "no setting is named \(quoted(key)); the settings are: \(known.joined(separator: ", ")) (see `\(Fix.settingsList)`)"
        case .invalidSetting(let key, let value):
            return
                "setting \(key) does not take \(quoted(value)); \(SettingKey(rawValue: key)?.expected ?? "see `\(Fix.settingsList)`")"
        case .orderNotFound:
            return "the order was never received; check its id with `\(Fix.ordersList)`"
        case .orderAlreadyAssociated(let orderId, let channelId):
            return
                "order \(quoted(orderId)) is already associated with channel \(channelId.uuidString.lowercased()); move it with `\(Fix.reassociate(orderId))`"
        case .orderNotAssociated(let orderId):
            return
                "order \(quoted(orderId)) has no channel to move it from; associate it with `\(Fix.associate(orderId))`"
        case .orderChannelNotLive(let orderId, let channelId):
            return
                "order \(quoted(orderId)) cannot go to channel \(channelId.uuidString.lowercased()): orders only go to live channels; launch or resume it first, or choose a live one with `\(Fix.list)`"
        case .emptyReassociationReason(let orderId):
            return "moving order \(quoted(orderId)) to another channel needs a reason; give one with \(Fix.reason)"
        case .invalidRuleName(let name, let problem):
            return
                "rule name \(quoted(name)) \(phrase(problem)); choose a name without spaces, at most 200 characters, such as eu-orders"
        case .ruleNameTaken(let name, let takenBy):
            return
                "a rule named \(quoted(takenBy)) already exists, so \(quoted(name)) cannot be used; choose another name (see `\(Fix.rulesList)`)"
        case .invalidWebhookSubscription(let name):
            return
                "webhook subscription \(quoted(name)) cannot be a URL segment; use 1 to 64 letters, digits, '-', '_' or '.', such as orders-eu"
        case .invalidWebhookUsername(let subscription):
            return
                "the username for webhook subscription \(quoted(subscription)) cannot be used; give 1 to 200 characters without spaces or ':' (HTTP basic splits at the first ':')"
        case .unknownWebhookSubscription(let name, let known):
            let list = known.isEmpty ? "there are none" : "there are \(known.map(quoted).joined(separator: ", "))"
            return "no webhook subscription \(quoted(name)); \(list) (see `\(Fix.webhooksList)`)"
        case .unknownRule(let name, let known):
            let rules =
                known.isEmpty ? "it has no rules" : "its rules are \(known.map(quoted).joined(separator: ", "))"
            return "the association flow has no rule \(quoted(name)); \(rules) (see `\(Fix.rulesList)`)"
        case .ruleChannelMissing(let rule):
            return
                "rule \(quoted(rule)) names no channel; give one with `\(Fix.addRule(rule))`, or pick the target ID's owner with `\(Fix.addTargetIDRule(rule))`"
        case .ruleChannelWithTargetID(let rule):
            return
                "rule \(quoted(rule)) picks the live channel that owns the order's target ID, so it takes no channel; run `\(Fix.addTargetIDRule(rule))`"
        case .invalidRulePosition(let rule, let position, let last):
            return
                "rule \(quoted(rule)) cannot go to position \(position); positions run from 1 to \(last) (see `\(Fix.rulesList)`)"
        case .unknownConditionField(let condition, let field):
            return Self.unspaced(condition)
                ?? "condition \(quoted(condition)) reads no field \(quoted(field)); write \(Fix.condition) with a field among \(RuleCondition.Field.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unknownConditionOperator(let condition, let op):
            return Self.unspaced(condition)
                ?? "condition \(quoted(condition)) has no operator \(quoted(op)); write \(Fix.condition) with an operator among \(RuleCondition.Operator.allCases.map(\.rawValue).joined(separator: ", ")) (`in` takes a comma-separated list)"
        case .emptyConditionValue(let condition):
            return "condition \(quoted(condition)) has no value to compare with; write \(Fix.condition)"
        }
    }

    /// The advice for a condition typed without spaces around its operator, nil for another mistake.
    private static func unspaced(_ condition: String) -> String? {
        RuleCondition.spaced(condition).map {
            "condition \(quoted(condition)) needs spaces between FIELD, OP and VALUE; write --when \(shellQuoted($0))"
        }
    }

    private func invalidName(_ name: String, _ problem: InputProblem) -> String {
        switch problem {
        case .empty:
            "a channel name cannot be empty; give a name such as \"EU Store\""
        case .looksLikeUUID:
            "channel name \(quoted(name)) looks like a channel id, which would make lookups ambiguous; choose a name that is not a UUID"
        default:
            "channel name \(quoted(name)) \(phrase(problem)); choose another name"
        }
    }

    private func notReady(
        _ channel: String, verb: String, _ connectedAppAuthorized: Bool, _ credentials: CredentialsStatus,
        _ inactive: [String]
    ) -> String {
        var problems: [String] = []
        var fixes: [String] = []
        if !connectedAppAuthorized {
            problems.append("the connected app is not authorized")
            fixes.append("`\(Fix.registerConnectedApp)`")
        }
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
            let names = inactive.map(quoted).joined(separator: ", ")
            problems.append(inactive.count == 1 ? "mapping \(names) is inactive" : "mappings \(names) are inactive")
            fixes.append("`\(Fix.activateAll(channel))`")
        }
        return
            "channel \(quoted(channel)) cannot \(verb): \(problems.joined(separator: " and ")); run \(fixes.joined(separator: " and "))"
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
