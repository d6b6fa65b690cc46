import ChannelLedger
import Transport

extension TextViews {
    /// `transports list`: one row per transport, then what each process transport is or why it fails.
    public static func transports(_ listing: [TransportListing]) -> String {
        var rows = [["NAME", "KIND", "OPERATIONS", "DEFAULT BUY WITH PRIME ENDPOINT", "SUMMARY OR PROBLEM"]]
        for entry in listing {
            switch entry.status {
            case .ready(let descriptor):
                let operations =
                    descriptor.capabilities.count == TransportOperation.allCases.count
                    ? "all \(TransportOperation.allCases.count)"
                    : descriptor.capabilities.sorted().map(\.rawValue).joined(separator: ", ")
                rows.append([
                    entry.name, entry.kind.rawValue, operations.isEmpty ? "none" : operations,
                    descriptor.defaultBuyWithPrimeEndpoint ?? "-", descriptor.summary,
                ])
            case .failed, .shadowed:
                rows.append([entry.name, entry.kind.rawValue, "-", "-", transportProblem(entry) ?? "-"])
            }
        }
        let paths = listing.compactMap { entry in entry.location.map { "\(entry.name): \($0)" } }
        return ([table(rows)] + (paths.isEmpty ? [] : ["", "process transports:"] + paths.map { "  " + $0 }))
            .joined(separator: "\n")
    }

    /// Why a transport cannot be used, or nil when it can.
    public static func transportProblem(_ entry: TransportListing) -> String? {
        switch entry.status {
        case .ready: nil
        case .failed(let reason): "unusable: \(reason)"
        case .shadowed:
            "shadowed: the built-in transport \(entry.name) is used; rename the executable to use this one"
        }
    }
}
