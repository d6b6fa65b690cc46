import EventSourcing
import Foundation

extension LedgerService {
    /// The publisher as a service (`serve` runs it beside intake): a pass now, then one each time
    /// new events commit (the store's subscription wakes it) or `idle` has passed, until the task
    /// is cancelled. Another process's lease is not an error (that one publishes); other failures
    /// are logged when they change and retried on the next wake-up, so a Salesforce outage costs
    /// nothing but time. `describe` turns an error into the one line a person reads.
    public func runPublisher(
        context: CommandContext, idle: Duration = .seconds(30), describe: @Sendable (any Error) -> String
    ) async {
        var lastProblem: String?
        while !Task.isCancelled {
            let head = (try? await store.head().position) ?? 0
            do {
                let outcome = try await publish(context: context)
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
