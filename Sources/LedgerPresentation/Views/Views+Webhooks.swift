import ChannelLedger

extension Views {
    /// `webhooks list --json`: `{"subscriptions":[{name, path, username, passwordFingerprint, addedBy, addedAt}]}`.
    public static func webhookSubscriptions(_ subscriptions: [WebhookSubscriptionView]) -> JSONValue {
        .object([
            (
                "subscriptions",
                .array(
                    subscriptions.map { view in
                        .object([
                            ("name", .string(view.subscription.name)),
                            ("path", .string("/webhooks/buy-with-prime/" + view.subscription.name)),
                            ("username", .string(view.subscription.username)),
                            ("passwordFingerprint", .string(view.subscription.password.fingerprint)),
                            ("addedBy", .string(view.addedBy)), ("addedAt", .string(view.addedAt?.rfc3339)),
                        ])
                    })
            )
        ])
    }
}

extension TextViews {
    /// `webhooks list`: one row per subscription.
    public static func webhookSubscriptions(_ subscriptions: [WebhookSubscriptionView]) -> String {
        guard !subscriptions.isEmpty else { return "no webhook subscriptions; add one with `\(Fix.webhooksAdd)`" }
        return table(
            [["SUBSCRIPTION", "PATH", "USERNAME", "PASSWORD", "ADDED"]]
                + subscriptions.map { view in
                    [
                        view.subscription.name, "/webhooks/buy-with-prime/" + view.subscription.name,
                        view.subscription.username, "fingerprint " + view.subscription.password.fingerprint,
                        view.addedAt?.rfc3339 ?? "-",
                    ]
                })
    }
}
