extension SandboxAccounts {
    /// The public demo accounts. Every value here, secrets included, is a published fixture that only
    /// the sandbox accepts; none of them works against the real services.
    public static let demo = SandboxAccounts(
        salesforce: SalesforceAccount(
            consumerKey: "3MVG9SANDBOX.ChannelLedger.Demo.AmazonBuyWithPrime.ConnectedApp",
            consumerSecret: "sandbox-secret-salesforce-public-fixture",
            myDomain: "https://channelledger-demo.my.salesforce.com"
        ),
        buyWithPrime: [
            BuyWithPrimeAccount(
                name: "US Storefront",
                clientId: "amzn1.application-oa2-client.fe7865486823027a31cb3ea36c9a749e",
                clientSecret: "sandbox-secret-us-storefront-public-fixture",
                targetId: "A1V6B8K3QZ7XUS"
            ),
            BuyWithPrimeAccount(
                name: "EU Storefront",
                clientId: "amzn1.application-oa2-client.6467a34c462af8143a3b788283c35748",
                clientSecret: "sandbox-secret-eu-storefront-public-fixture",
                targetId: "A3EU9TMN2PLQEU"
            ),
            BuyWithPrimeAccount(
                name: "Outlet",
                clientId: "amzn1.application-oa2-client.2e1acdb3c85fbfbf65f3a950cc700d67",
                clientSecret: "sandbox-secret-outlet-public-fixture",
                targetId: "A2OUTL7R4WKJ9D"
            ),
        ],
        webhook: WebhookAccount(
            subscription: "demo-webhooks", username: "buy-with-prime",
            password: "sandbox-webhook-password-public-fixture")
    )
}
