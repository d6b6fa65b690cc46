import ChannelDomain
import EventSourcing
import Foundation
import Testing

/// The channel payloads a busy channel repeats read as `JSONDecoder` reads them, or are left to it.
@Suite struct ChannelPayloadReadingTests {
    /// Given each payload as the ledger writes it, then its reader reads it, equal to JSONDecoder's value.
    @Test func theRepeatedChannelPayloadsAsWrittenAreRead() throws {
        let renamed = ChannelRenamed(from: "EU shop", to: "EU \u{e9}\"shop\"")
        let suspended = ChannelSuspended(reason: "audit\nweek")
        let renamedJSON = try #require(StrictJSON(try renamed.encoded()))
        let suspendedJSON = try #require(StrictJSON(try suspended.encoded()))
        let resumedJSON = try #require(StrictJSON(try ChannelResumed().encoded()))
        #expect((try? ChannelRenamed(strictJSON: renamedJSON)) == renamed)
        #expect((try? ChannelSuspended(strictJSON: suspendedJSON)) == suspended)
        #expect((try? ChannelResumed(strictJSON: resumedJSON)) == ChannelResumed())
    }

    /// Given a member it does not know, a missing one or one of another type, then the reader leaves it.
    @Test func anythingElseIsLeft() throws {
        for text in [#"{"from":"a"}"#, #"{"from":"a","to":1}"#, #"{"from":"a","to":"b","by":"c"}"#] {
            #expect((try? ChannelRenamed(strictJSON: try #require(StrictJSON(Data(text.utf8))))) == nil)
        }
        #expect((try? ChannelSuspended(strictJSON: try #require(StrictJSON(Data(#"{"reason":null}"#.utf8))))) == nil)
        #expect((try? ChannelResumed(strictJSON: try #require(StrictJSON(Data(#"{"at":1}"#.utf8))))) == nil)
        #expect((try? ChannelResumed(strictJSON: try #require(StrictJSON(Data("[]".utf8))))) == nil)
    }
}
