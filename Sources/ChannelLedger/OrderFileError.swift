import Foundation

/// Why `orders import` cannot read its file; nothing was recorded.
public enum OrderFileError: ClassifiedError, Equatable {
    /// No file at the path.
    case missing(String)
    /// The path is a folder.
    case folder(String)
    /// The file cannot be read.
    case unreadable(String)
    /// The file is a ledger's own export, which the ledger import loads.
    case ledgerExport(String)

    /// Not found for a missing file, usage otherwise.
    public var failureClass: FailureClass {
        if case .missing = self { return .notFound }
        return .usage
    }
}
