import SandboxTransport
import Testing
import Transport

@Suite("Sandbox Buy with Prime")
struct SandboxBuyWithPrimeTests {
    let sandbox = SandboxTransport()
    static let accounts = SandboxTransport.accounts.buyWithPrime
    /// Tests take accounts by name: Swift Testing records an argument's encoded form, secret and all.
    static let names = accounts.map(\.name)

    static func account(named name: String) throws -> BuyWithPrimeAccount {
        try #require(accounts.first { $0.name == name })
    }

    @Test(arguments: names)
    func eachAccountAuthorizes(name: String) async throws {
        let account = try Self.account(named: name)
        let authorization = try await sandbox.authorize(
            clientID: account.clientId, clientSecret: Secret(account.clientSecret), targetID: account.targetId)
        let token = authorization.accessToken.reveal()
        #expect(token.hasPrefix("sandbox-token-"))
        let tokenShowsSecret = token.contains(account.clientSecret)  // outside #expect: a failure would print it
        #expect(!tokenShowsSecret)
        #expect(authorization.expiresIn == 900)
        #expect(authorization.targetID == account.targetId)
    }

    @Test func tokensAreRandom() async throws {
        let account = try #require(Self.accounts.first)
        let first = try await sandbox.authorize(
            clientID: account.clientId, clientSecret: Secret(account.clientSecret), targetID: account.targetId)
        let second = try await sandbox.authorize(
            clientID: account.clientId, clientSecret: Secret(account.clientSecret), targetID: account.targetId)
        #expect(first.accessToken != second.accessToken)
    }

    @Test(arguments: names)
    func wrongSecretIsRejected(name: String) async throws {
        let account = try Self.account(named: name)
        let wrong = account.clientSecret + "x"
        let error = await rejection {
            try await sandbox.authorize(
                clientID: account.clientId, clientSecret: Secret(wrong), targetID: account.targetId)
        }
        #expect(error?.service == .buyWithPrime)
        #expect(code(of: error) == "invalid_client")
        let quotesSecret = error.map { $0.description.contains(wrong) || $0.description.contains(account.clientSecret) }
        #expect(quotesSecret == false)
    }

    @Test func anotherAccountsSecretIsRejected() async throws {
        let (us, eu) = (Self.accounts[0], Self.accounts[1])
        let error = await rejection {
            try await sandbox.authorize(
                clientID: us.clientId, clientSecret: Secret(eu.clientSecret), targetID: us.targetId)
        }
        #expect(code(of: error) == "invalid_client")
    }

    @Test func unknownClientIDIsRejected() async throws {
        let account = try #require(Self.accounts.first)
        let error = await rejection {
            try await sandbox.authorize(
                clientID: "amzn1.application-oa2-client.00000000000000000000000000000000",
                clientSecret: Secret(account.clientSecret), targetID: account.targetId)
        }
        #expect(error?.service == .buyWithPrime)
        #expect(code(of: error) == "invalid_client")
        #expect(error.map { !$0.description.contains(account.clientSecret) } == true)
    }

    @Test func unknownTargetIDIsRejected() async throws {
        let account = try #require(Self.accounts.first)
        let error = await rejection {
            try await sandbox.authorize(
                clientID: account.clientId, clientSecret: Secret(account.clientSecret), targetID: "A0UNKNOWN00000")
        }
        #expect(error?.service == .buyWithPrime)
        #expect(code(of: error) == "AccessDeniedError")
        #expect(message(of: error)?.contains("A0UNKNOWN00000") == true)
        #expect(error.map { !$0.description.contains(account.clientSecret) } == true)
    }

    @Test(arguments: [(0, 1), (1, 2), (2, 0)])
    func anotherAccountsTargetIDIsRejected(own: Int, other: Int) async throws {
        let (account, foreign) = (Self.accounts[own], Self.accounts[other])
        let error = await rejection {
            try await sandbox.authorize(
                clientID: account.clientId, clientSecret: Secret(account.clientSecret), targetID: foreign.targetId)
        }
        #expect(code(of: error) == "AccessDeniedError")
        #expect(message(of: error)?.contains(foreign.targetId) == true)
    }
}
