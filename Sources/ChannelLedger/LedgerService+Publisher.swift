import EventSourcing
import Foundation
import Logging

extension LedgerService {
    /// The publisher as a service (`serve` runs it beside intake): a pass now, then one each time
    /// new events commit (the store's subscription wakes it) or `idle` has passed, until the task
    /// is cancelled. Another process's lease is not an error (that one publishes); other failures
    /// are logged when they change and retried on the next wake-up, so a Salesforce outage costs
    /// nothing but time. Each pass is a command of its own, with a context fresh from `context`:
    /// its time and correlation id are the pass's, not the service's start. `describe` turns an
    /// error into the one line a person reads; passes that record something, and problems, are
    /// logged to `logger` (the service's when nil).
    public func runPublisher(
        context: @Sendable () -> CommandContext, idle: Duration = .seconds(30), logger: Logger? = nil,
        describe: @Sendable (any Error) -> String
    ) async {
        let logger = logger ?? self.logger
        var lastProblem: String?
        while !Task.isCancelled {
            let head = (try? await store.head().position) ?? 0
            do {
                let outcome = try await publish(context: context())
                if outcome.changed {
                    logger.info(
                        "publisher: \(outcome.channelsPublished.count) channels and \(outcome.ordersPublished) orders published, \(outcome.deferred.count) orders deferred, \(outcome.failed.count) given up"
                    )
                }
                lastProblem = nil
            } catch LedgerError.publisherBusy {
                lastProblem = nil  // another process publishes meanwhile
            } catch is CancellationError {
                return
            } catch {
                let problem = describe(error)
                if problem != lastProblem { logger.warning("publisher: \(problem)") }
                lastProblem = problem
            }
            await waitForEvents(after: head, upTo: idle)
        }
    }

    /// Returns once an event past `position` commits, after `limit`, or when the task is cancelled.
    private func waitForEvents(after position: Int64, upTo limit: Duration) async {
        let subscription = store.subscribe(after: position)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                var events = subscription.makeAsyncIterator()
                _ = try? await events.next()
            }
            group.addTask { try? await Task.sleep(for: limit) }
            _ = await group.next()
            group.cancelAll()
        }
    }
}
