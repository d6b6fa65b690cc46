import ChannelDomain
import EventSourcing
import Foundation
import Transport

extension LedgerService {
    /// Reads JSON lines of Buy with Prime events (webhook envelopes exactly as sent, or Amazon
    /// EventBridge envelopes) and takes each as intake takes a webhook (``receive(_:context:)``),
    /// in file order, with the same idempotency claims: run again, a file adds only what is new.
    ///
    /// A line that cannot be taken (not an envelope, no order, an order the transport cannot find
    /// yet, the transport unavailable) records nothing and is reported in the summary; the lines
    /// after it are still taken. Anything else (the store, the key) stops the import.
    public func importOrders(
        from path: String, context: CommandContext, progress: (OrderImportProgress) -> Void = { _ in }
    ) async throws -> OrderImportSummary {
        guard FileManager.default.fileExists(atPath: path) else { throw OrderFileError.missing(path) }
        guard !FileManager.default.isFolder(atPath: path) else { throw OrderFileError.folder(path) }
        guard FileManager.default.isReadableFile(atPath: path) else { throw OrderFileError.unreadable(path) }
        var counter = try LineReader(path: path)
        var total = 0
        while let line = try counter.next() {
            if total == 0, (try? LogExport.header(line)) != nil {
                counter.close()
                throw OrderFileError.ledgerExport(path)
            }
            total += 1
        }
        counter.close()

        var reader = try LineReader(path: path)
        defer { reader.close() }
        var summary = OrderImportSummary()
        while let line = try reader.next() {
            summary.lines += 1
            do {
                let event: BuyWithPrimeEvent
                do {
                    event = try BuyWithPrimeEvent.decode(line)
                } catch {
                    throw IntakeError.malformed(error.description)
                }
                // Each delivery is its own command: its own time and correlation id.
                let delivery = CommandContext(actor: context.actor, source: context.source)
                summary.count(try await receive(event, context: delivery))
            } catch let error where Self.refusesLineOnly(error) {
                summary.refused.append(RefusedLine(line: reader.lineNumber, error: error))
            }
            progress(OrderImportProgress(lines: summary.lines, total: total))
        }
        return summary
    }

    /// Whether an error concerns one line only (the import goes on), not the store or the key.
    private static func refusesLineOnly(_ error: any Error) -> Bool {
        error is IntakeError || error is TransportError || error is DomainError
    }
}
