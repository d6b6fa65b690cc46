import ChannelDomain
import EventSourcing
import Foundation

extension LedgerService {
    /// Forgets a customer (`orders forget-customer`, or a `PERSONAL_DATA_DELETION_TASK_*` event):
    /// records `CustomerForgotten` on `customer:<bwpCustomerId>` and deletes the customer's data key
    /// in the same transaction, then scrubs the store's files. Every order's personal fields sealed
    /// under that key become unreadable (`<forgotten>`); the events, the hash chain and `verify`
    /// are untouched. Forgetting again records nothing unless a new order made a new key since.
    public func forgetCustomer(_ rawID: String, trigger: String = "request", context: CommandContext) async throws
        -> ForgetOutcome
    {
        let customerId = rawID.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let stream = try? StreamName(Streams.customer(customerId).rawValue) else {
            throw LedgerError.invalidCustomerID(customerId)
        }
        let subject = SealedPersonalData.subject(customerId: customerId)
        for attempt in 1...runner.maxAttempts {
            let history = try await store.read(stream: stream)
            let state = try Customer.fold(history, codec: CustomerEvent.codec)
            let keyExisted = try await store.subjectKey(subject) != nil
            let events = try Customer.decide(.forget(trigger: trigger, keyExists: keyExisted), state)
            guard !events.isEmpty else {
                // Forgotten before: scrub again, in case readers kept the last scrub from completing.
                return ForgetOutcome(
                    customerId: customerId, recorded: false, keyDeleted: false, scrub: try? await store.scrub())
            }
            let batch = try context.newEvents(events.map(\.payload))
            do {
                try await store.append(batches: [
                    StreamBatch(batch, to: stream, expected: .at(Int64(history.count)), forgetting: [subject])
                ])
            } catch EventStoreError.wrongExpectedVersion {
                logger.info("conflict forgetting \(stream) (attempt \(attempt))")
                try await CommandRunner.backOff(after: attempt, of: runner.maxAttempts)
                continue
            } catch EventStoreError.claimConflict {
                // The same deletion task, delivered twice at once: the other delivery recorded it.
                return ForgetOutcome(customerId: customerId, recorded: false, keyDeleted: false, scrub: nil)
            }
            // Recorded and deleted: a scrub that cannot finish now must not report the command failed.
            return ForgetOutcome(
                customerId: customerId, recorded: true, keyDeleted: keyExisted, scrub: try? await store.scrub())
        }
        throw LedgerError.conflictAfterRetries(stream: stream.rawValue, attempts: runner.maxAttempts)
    }
}
