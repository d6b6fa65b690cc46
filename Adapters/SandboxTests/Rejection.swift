import Transport

/// Runs `body` and returns the `TransportError` it throws, or nil when it succeeds or throws something else.
func rejection<T>(_ body: () async throws -> T) async -> TransportError? {
    do {
        _ = try await body()
        return nil
    } catch let error as TransportError {
        return error
    } catch {
        return nil
    }
}

/// The code of a rejection, or nil.
func code(of error: TransportError?) -> String? {
    if case .rejected(_, let code, _) = error { return code }
    return nil
}

/// The message of a rejection, or nil.
func message(of error: TransportError?) -> String? {
    if case .rejected(_, _, let message) = error { return message }
    return nil
}
