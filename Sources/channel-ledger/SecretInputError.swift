import ChannelLedger
import LedgerPresentation

/// Why a secret could not be read; `flag` is the option that pipes it in instead.
enum SecretInputError: ClassifiedError, Advised {
    /// Nothing was typed or piped in.
    case empty(String, flag: String)
    /// No terminal to prompt on.
    case noTerminal(String, flag: String)
    /// The terminal's echo cannot be turned off.
    case echoStaysOn(String, flag: String)

    /// Bad input: exit 64.
    var failureClass: FailureClass { .usage }

    var advice: String {
        switch self {
        case .empty(let what, let flag): "the \(what) is empty; type it at the prompt or pipe it in with \(flag)"
        case .noTerminal(let what, let flag): "no terminal to prompt for the \(what); pipe it in with \(flag)"
        case .echoStaysOn(let what, let flag): "cannot turn off echo on the terminal; pipe the \(what) in with \(flag)"
        }
    }
}
