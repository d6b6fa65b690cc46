/// The error bodies of the two services, as the sandbox writes them.
enum WireError {
    /// An OAuth token endpoint's error: `{"error", "error_description"}`.
    static func oauth(_ code: String, _ description: String) -> JSONValue {
        ["error": .string(code), "error_description": .string(description)]
    }

    /// A Buy with Prime GraphQL failure: `{"data": null, "errors": [{"message", "extensions":
    /// {"errorType", "errorCode"?}}]}`.
    static func graphQL(_ type: String, _ message: String, code: String? = nil) -> JSONValue {
        var extensions: [String: JSONValue] = ["errorType": .string(type)]
        if let code { extensions["errorCode"] = .string(code) }
        return ["data": nil, "errors": [["message": .string(message), "extensions": .object(extensions)]]]
    }
}
