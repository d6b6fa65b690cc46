// swift-tools-version:6.2
import PackageDescription

/// Strict settings for every target of ours: Swift 6 language mode plus `ExistentialAny`.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "ChannelLedger",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "channel-ledger", targets: ["channel-ledger"]),
        .library(name: "EventSourcing", targets: ["EventSourcing"]),
        .library(name: "ChannelDomain", targets: ["ChannelDomain"]),
        .library(name: "Transport", targets: ["Transport"]),
        .library(name: "ChannelLedger", targets: ["ChannelLedger"]),
        .library(name: "EventStoreSQLite", targets: ["EventStoreSQLite"]),
        .library(name: "EventStorePostgres", targets: ["EventStorePostgres"]),
        .library(name: "SandboxTransport", targets: ["SandboxTransport"]),
        .library(name: "LedgerWiring", targets: ["LedgerWiring"]),
        .library(name: "LiveHTTP", targets: ["LiveHTTP"]),
        .library(name: "BuyWithPrimeLive", targets: ["BuyWithPrimeLive"]),
        .library(name: "SalesforceLive", targets: ["SalesforceLive"]),
        .library(name: "LiveTransport", targets: ["LiveTransport"]),
        .library(name: "ProcessPluginTransport", targets: ["ProcessPluginTransport"]),
        .library(name: "SandboxServer", targets: ["SandboxServer"]),
        .library(name: "WebhookServer", targets: ["WebhookServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        // No default traits: ConfigurationSupport would bring swift-configuration, whose UUID.init(configString:)
        // makes `UUID.init` ambiguous wherever Hummingbird is visible.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
    ],
    targets: [
        // The system's zlib (`zlib1g-dev`), which packs the as-of snapshots.
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // Kernel: envelopes, the store protocol, the hash chain. No I/O.
        .target(
            name: "EventSourcing",
            dependencies: [.product(name: "Crypto", package: "swift-crypto"), "CZlib"],
            swiftSettings: strict
        ),
        // Pure deciders for the connected app and the channels.
        .target(
            name: "ChannelDomain",
            dependencies: ["EventSourcing"],
            swiftSettings: strict
        ),
        // Ports to Buy with Prime and Salesforce.
        .target(
            name: "Transport",
            swiftSettings: strict
        ),
        // SQLite event store (GRDB on the system libsqlite3).
        .target(
            name: "EventStoreSQLite",
            dependencies: [
                "EventSourcing",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        // PostgreSQL event store (postgres-nio), for teams that outgrow one machine.
        .target(
            name: "EventStorePostgres",
            dependencies: [
                "EventSourcing",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The in-process sandbox transport with public demo accounts.
        .target(
            name: "SandboxTransport",
            dependencies: ["Transport"],
            path: "Adapters/Sandbox",
            swiftSettings: strict
        ),
        // HTTP plumbing of the live transport: one AsyncHTTPClient transport plus middlewares
        // (bearer tokens and their cache, retries, logging), the size cap and the error mapping.
        .target(
            name: "LiveHTTP",
            dependencies: [
                "Transport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Adapters/HTTP",
            swiftSettings: strict
        ),
        // Buy with Prime over HTTP: the token endpoint and the GraphQL API.
        .target(
            name: "BuyWithPrimeLive",
            dependencies: [
                "Transport", "LiveHTTP",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Adapters/BuyWithPrime",
            swiftSettings: strict
        ),
        // Salesforce over HTTP: client credentials against the My Domain and the REST API.
        .target(
            name: "SalesforceLive",
            dependencies: [
                "Transport", "LiveHTTP",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Adapters/Salesforce",
            swiftSettings: strict
        ),
        // The `live` transport: both HTTP adapters behind one descriptor.
        .target(
            name: "LiveTransport",
            dependencies: [
                "Transport", "LiveHTTP", "BuyWithPrimeLive", "SalesforceLive",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Adapters/Live",
            swiftSettings: strict
        ),
        // A transport that is an external process speaking JSON lines (Docs/transport-protocol.md).
        .target(
            name: "ProcessPluginTransport",
            dependencies: ["Transport", .product(name: "Logging", package: "swift-log")],
            path: "Adapters/ProcessPlugin",
            swiftSettings: strict
        ),
        // The sandbox over HTTP (Hummingbird): both services' wire on one loopback base URL, with the
        // same accounts and error shapes as the in-process sandbox, plus a request log and faults.
        .target(
            name: "SandboxServer",
            dependencies: [
                "SandboxTransport",
                "Transport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Adapters/SandboxServer",
            swiftSettings: strict
        ),
        // Buy with Prime webhooks over HTTP(S) (Hummingbird): `serve` takes deliveries into the ledger,
        // each subscription authenticated by HTTP basic (hummingbird-auth) or another verification policy.
        .target(
            name: "WebhookServer",
            dependencies: [
                "ChannelLedger",
                "Transport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Adapters/WebhookServer",
            swiftSettings: strict
        ),
        // Application: command service, projections, vault. It knows no store or transport adapter:
        // the wiring hands it a StoreProvider and a TransportRegistry.
        .target(
            name: "ChannelLedger",
            dependencies: [
                "EventSourcing",
                "ChannelDomain",
                "Transport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The one place adapters are chosen (stores and transports), for the CLI and the benchmark.
        .target(
            name: "LedgerWiring",
            dependencies: [
                "ChannelLedger",
                "EventSourcing",
                "EventStoreSQLite",
                "EventStorePostgres",
                "SandboxTransport",
                "LiveTransport",
                "ProcessPluginTransport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // What the CLI shows: JSON and text views, and every error's one line with its fix.
        .target(
            name: "LedgerPresentation",
            dependencies: [
                "ChannelLedger",
                "ChannelDomain",
                "EventSourcing",
                "EventStoreSQLite",
                "EventStorePostgres",
                "Transport",
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "channel-ledger",
            dependencies: [
                "ChannelLedger",
                "ChannelDomain",
                "EventSourcing",
                "LedgerPresentation",
                "LedgerWiring",
                "SandboxServer",
                "WebhookServer",
                "SandboxTransport",
                "Transport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Writes the single-account ledger (format 0) of the upgrade's fixture and tests
        // (Tests/Fixtures/make-ledger-format-0.sh); not part of the product.
        .executableTarget(
            name: "make-ledger-format-0",
            dependencies: [
                "ChannelLedger",
                "LedgerWiring",
                "SandboxTransport",
                "Transport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Fixtures/MakeLedgerFormat0",
            swiftSettings: strict
        ),
        // `make bench`: ChannelLedger's figures beside raw SQLite's, measured in the same run.
        .executableTarget(
            name: "channel-ledger-bench",
            dependencies: [
                "ChannelLedger",
                "EventSourcing",
                "EventStoreSQLite",
                "EventStorePostgres",
                "LedgerWiring",
                "LiveHTTP",
                "LiveTransport",
                "BuyWithPrimeLive",
                "SalesforceLive",
                "SandboxServer",
                "SandboxTransport",
                "Transport",
                "ChannelDomain",
                "WebhookServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/ChannelLedgerBench",
            swiftSettings: strict
        ),
        // Test support: the store contract suite, the decider spec, fixtures.
        .target(
            name: "ChannelLedgerTesting",
            dependencies: ["EventSourcing", "ChannelDomain"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EventSourcingTests",
            dependencies: ["EventSourcing", "ChannelLedgerTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ChannelDomainTests",
            dependencies: ["ChannelDomain", "ChannelLedgerTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EventStoreSQLiteTests",
            dependencies: ["EventStoreSQLite", "ChannelLedgerTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EventStorePostgresTests",
            dependencies: ["EventStorePostgres", "ChannelLedgerTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ChannelLedgerTests",
            dependencies: ["ChannelLedger", "ChannelLedgerTesting", "SandboxTransport", "LedgerWiring"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LedgerPresentationTests",
            dependencies: [
                "LedgerPresentation", "ChannelLedger", "ChannelDomain", "ChannelLedgerTesting", "EventSourcing",
                "LedgerWiring",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SandboxTransportTests",
            dependencies: ["SandboxTransport", "Transport"],
            path: "Adapters/SandboxTests",
            swiftSettings: strict
        ),
        // The live transport over real HTTP against the sandbox server on loopback, plus its pure
        // parts: SOQL escaping, Retry-After, backoff, order decoding, composite batches.
        .testTarget(
            name: "LiveTransportTests",
            dependencies: [
                "LiveHTTP", "BuyWithPrimeLive", "SalesforceLive", "LiveTransport", "SandboxServer",
                "SandboxTransport", "Transport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Adapters/LiveTests",
            swiftSettings: strict
        ),
        // Process transports: the example plugins (Examples/Plugins) as separate processes, the
        // misbehaving one included, and the example against the sandbox server over real HTTP; the
        // fault table of `live` and the example, with the CLI's line for each error.
        .testTarget(
            name: "ProcessPluginTests",
            dependencies: [
                "ProcessPluginTransport", "LiveTransport", "LiveHTTP", "SandboxServer", "SandboxTransport", "Transport",
                "LedgerPresentation", "LedgerWiring", "EventSourcing",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Adapters/ProcessPluginTests",
            swiftSettings: strict
        ),
        .testTarget(
            name: "SandboxServerTests",
            dependencies: [
                "SandboxServer",
                "SandboxTransport",
                "Transport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Adapters/SandboxServerTests",
            swiftSettings: strict
        ),
        // The real binary as a user runs it; Crypto for the sandbox server's secret fingerprints.
        .testTarget(
            name: "CLITests",
            dependencies: [
                "ChannelLedgerTesting", "ChannelLedger", "ChannelDomain", "EventSourcing", "EventStoreSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
    ]
)
