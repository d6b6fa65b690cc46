import EventSourcing
import Foundation

/// The first pass of an import: reads the whole file, checking every line, before anything is written.
struct ImportPlan {
    /// The hash the log will end with.
    var lastHash: Data
    /// The position of the header's first event; line numbers follow from it.
    var from: Int64

    /// The file line holding a position (the header is line 1).
    func lineNumber(of position: Int64) -> Int { Int(position - from) + 2 }

    /// Checks the header and every line against the store's head; throws naming the first bad line.
    static func verify(path: String, head: LogHead) async throws -> ImportPlan {
        var reader = try LineReader(path: path)
        defer { reader.close() }
        guard let first = try reader.next() else {
            throw LedgerError.importRefused(line: 1, reason: "the file is empty")
        }
        let header: LogExport.Header
        do {
            header = try LogExport.header(first)
        } catch let error as LogExportError {
            throw LedgerError.importRefused(line: reader.lineNumber, reason: error.description)
        }
        guard let previous = Data(hex: header.previousHash), previous.count == 32 else {
            throw LedgerError.importRefused(line: reader.lineNumber, reason: "its previousHash is not 64 hex digits")
        }
        guard header.from - 1 <= head.position else {
            throw LedgerError.importGap(from: header.from, head: head.position)
        }
        var verifier = HashChain.Verifier(from: LogHead(position: header.from - 1, hash: previous))
        if header.from - 1 == head.position, head.position > 0, previous != head.hash {
            throw LedgerError.importDiverges(line: reader.lineNumber, position: head.position)
        }
        while let line = try reader.next() {
            let event: RecordedEvent
            do {
                event = try LogExport.event(line)
                try verifier.check(event)
            } catch let error as LogExportError {
                throw LedgerError.importRefused(line: reader.lineNumber, reason: error.description)
            } catch let error as HashChain.ChainBreak {
                throw LedgerError.importRefused(line: reader.lineNumber, reason: error.description)
            } catch let error as StreamNameError {
                throw LedgerError.importRefused(line: reader.lineNumber, reason: error.description)
            }
            if event.position == head.position, event.hash != head.hash {
                throw LedgerError.importDiverges(line: reader.lineNumber, position: head.position)
            }
        }
        guard verifier.head.position >= head.position else {
            throw LedgerError.importBehind(fileEnd: verifier.head.position, head: head.position)
        }
        return ImportPlan(lastHash: verifier.head.hash, from: header.from)
    }
}
