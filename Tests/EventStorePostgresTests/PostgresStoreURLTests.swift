import Foundation
import Testing

@testable import EventStorePostgres

@Suite struct PostgresStoreURLTests {
    @Test func partsAreParsedAndThePasswordIsNeverShown() throws {
        let url = try PostgresStoreURL(
            "postgres://ledger:p%40ss%3Aword@db.example.com:6543/channel_ledger?schema=team_a&sslmode=require",
            environment: [:])
        #expect(url.user == "ledger")
        #expect(url.password == "p@ss:word")
        #expect(url.host == "db.example.com")
        #expect(url.port == 6543)
        #expect(url.database == "channel_ledger")
        #expect(url.schema == "team_a")
        #expect(url.tls == .require)
        #expect(url.description == "postgres://ledger@db.example.com:6543/channel_ledger?schema=team_a&sslmode=require")
        for text in [url.description, url.debugDescription, String(reflecting: url), "\(url)"] {
            #expect(!text.contains("p@ss"))
            #expect(!text.contains("p%40ss"))
        }
        var dumped = ""
        dump(url, to: &dumped)
        #expect(!dumped.contains("p@ss"))
    }

    @Test func thePasswordComesFromPGPASSWORDWhenTheURLHasNone() throws {
        let url = try PostgresStoreURL("postgres://ledger@127.0.0.1/db", environment: ["PGPASSWORD": "from-env"])
        #expect(url.password == "from-env")
        #expect(url.port == 5432)
        #expect(url.schema == "public")
        #expect(url.tls == .prefer)
        #expect(url.description == "postgres://ledger@127.0.0.1:5432/db")
        let inURL = try PostgresStoreURL("postgresql://ledger:in-url@[::1]:5433/db", environment: ["PGPASSWORD": "x"])
        #expect(inURL.password == "in-url")
        #expect(inURL.host == "::1")
        #expect(inURL.description == "postgres://ledger@[::1]:5433/db")
    }

    @Test func missingPartsDefaultAsPsqlDoes() throws {
        let url = try PostgresStoreURL(
            "postgres://", environment: ["PGUSER": "u", "PGHOST": "h", "PGPORT": "7000", "PGDATABASE": "d"])
        #expect((url.user, url.host, url.port, url.database) == ("u", "h", 7000, "d"))
        let bare = try PostgresStoreURL("postgres://admin@somewhere", environment: [:])
        #expect(bare.database == "admin")
        #expect(bare.host == "somewhere")
    }

    @Test(arguments: [
        "sqlite:///tmp/x", "postgres://u:secret@host:notaport/db", "postgres://u:secret@host:99999/db",
        "postgres://u@host/db?schema=Bad-Name", "postgres://u@host/db?sslmode=sometimes",
        "postgres://u@host/db?password=secret", "postgres://u:%zz@host/db", "postgres://u@[::1/db",
        "postgres://u@host/a/b", "postgres://u:secret@bad host/db", "postgres://u:secret@bad%0Ahost/db",
        "postgres://u:secret@bad%09host/db",
    ])
    func badURLsAreRefusedWithoutQuotingThem(_ text: String) {
        #expect(throws: PostgresStoreError.self) { try PostgresStoreURL(text, environment: [:]) }
        do {
            _ = try PostgresStoreURL(text, environment: [:])
        } catch {
            #expect(!error.description.contains("secret"))
            #expect(!error.description.contains(text))
            #expect(error.description.hasPrefix("the store URL is not usable: "))
        }
    }

    @Test func recognisesPostgresURLs() {
        #expect(PostgresStoreURL.isPostgresURL("postgres://u@h/db"))
        #expect(PostgresStoreURL.isPostgresURL("PostgreSQL://u@h/db"))
        #expect(!PostgresStoreURL.isPostgresURL("/var/lib/ledger.sqlite"))
        #expect(!PostgresStoreURL.isPostgresURL("postgres.sqlite"))
    }
}
