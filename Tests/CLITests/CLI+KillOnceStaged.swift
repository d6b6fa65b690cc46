import EventStoreSQLite
import Foundation
import Testing

extension CLI {
    /// Starts `channel-ledger ARGS` (a `projections rebuild`) and sends it `signal` (SIGKILL unless
    /// told; Ctrl-C is SIGINT) once the staging checkpoint of `projection` passes `beyond`, read
    /// from `store` beside it; returns the staged position the interruption left behind.
    ///
    /// Unlike a kill at a random moment, this one lands after a batch was staged whatever the
    /// machine's load, so the run after it must resume.
    func killOnceStaged(
        _ arguments: [String], projection: String, in store: SQLiteEventStore, beyond: Int64 = 0,
        signal: Int32 = SIGKILL
    ) async throws -> Int64 {
        let (process, out, err) = try start(arguments, direct: true)
        while process.isRunning {
            if try await store.stagedRebuild(projection)?.position ?? 0 > beyond { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        let run = finish(process, out, err)
        #expect(run.status != 0, "the rebuild finished before it could be killed: \(run)")
        return try await store.stagedRebuild(projection)?.position ?? 0
    }
}
