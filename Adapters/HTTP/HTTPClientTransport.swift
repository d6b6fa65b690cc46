import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import Transport

/// The one ``HTTPTransport`` that does I/O: AsyncHTTPClient, one attempt per call, the body read
/// up to a cap.
///
/// Over the cap (by `Content-Length` or while reading) it throws `tooLarge` and stops reading; a
/// body that ends early is `cutShort`; an attempt that outlasts the call's timeout is `timeout`.
public struct HTTPClientTransport: HTTPTransport {
    /// The default cap on an answer's body: 1 MiB.
    public static let defaultMaxBodyBytes = 1 << 20

    /// The client's settings: no redirects (a redirect would carry the `Authorization` header
    /// elsewhere), no decompression (the cap counts the bytes received), 10 s to connect, and a
    /// failed connection fails the attempt at once (AsyncHTTPClient would otherwise keep trying
    /// until the deadline): the retry middleware decides about another attempt.
    public static var configuration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10)),
            decompression: .disabled
        )
        configuration.httpVersion = .automatic
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// The transport over the process's one shared client (``sharedClient``), made at its first call.
    public static let shared = HTTPClientTransport(owned: nil, maxBodyBytes: defaultMaxBodyBytes)

    /// The process's one client for the live transport, made on first use with ``configuration``
    /// on AsyncHTTPClient's default event loop group. Like `HTTPClient.shared` it lives as long as
    /// the process and is never shut down (nor deinitialized); a test or a server that wants a
    /// client it can shut down makes its own and passes it to ``init(client:maxBodyBytes:)``.
    public static let sharedClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)

    private let owned: HTTPClient?

    /// The client the calls go through.
    public var client: HTTPClient { owned ?? Self.sharedClient }
    /// The cap on an answer's body, in bytes.
    public let maxBodyBytes: Int

    /// A transport over `client`; its owner shuts it down.
    public init(client: HTTPClient, maxBodyBytes: Int = defaultMaxBodyBytes) {
        self.init(owned: client, maxBodyBytes: maxBodyBytes)
    }

    private init(owned: HTTPClient?, maxBodyBytes: Int) {
        self.owned = owned
        self.maxBodyBytes = maxBodyBytes
    }

    /// Sends `call` once and reads its whole answer.
    public func send(_ call: HTTPCall) async throws -> HTTPAnswer {
        let request = try clientRequest(for: call)
        let deadline = NIODeadline.now() + .nanoseconds(Self.nanoseconds(call.timeout))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, deadline: deadline)
        } catch {
            throw failure(error, of: call, whileReading: false)
        }
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        let head = HTTPResponse(status: .init(code: Int(response.status.code)), headerFields: fields)
        if let length = fields[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            throw tooLarge(call)
        }
        let body: ByteBuffer
        do {
            body = try await Self.collect(response.body, upTo: maxBodyBytes, by: deadline)
        } catch is NIOTooManyBytesError {
            throw tooLarge(call)
        } catch {
            throw self.failure(error, of: call, whileReading: true)
        }
        return HTTPAnswer(response: head, body: Data(body.readableBytesView))
    }

    /// The whole body, read by `deadline`: AsyncHTTPClient's deadline ends once the head has come,
    /// so a body that stalls after its first bytes would otherwise hold the call for ever. Past the
    /// deadline the read is cancelled (the connection is closed) and `deadlineExceeded` thrown.
    private static func collect(_ body: HTTPClientResponse.Body, upTo limit: Int, by deadline: NIODeadline) async throws
        -> ByteBuffer
    {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: limit) }
            group.addTask {
                let left = deadline.uptimeNanoseconds.subtractingReportingOverflow(NIODeadline.now().uptimeNanoseconds)
                if !left.overflow, left.partialValue > 0 { try await Task.sleep(nanoseconds: left.partialValue) }
                return nil
            }
            defer { group.cancelAll() }
            guard case .some(.some(let buffer)) = try await group.next() else { throw HTTPClientError.deadlineExceeded }
            return buffer
        }
    }

    private func clientRequest(for call: HTTPCall) throws -> HTTPClientRequest {
        let head = call.request
        guard let scheme = head.scheme, let authority = head.authority, let path = head.path else {
            throw HTTPCallError(
                .connection, service: call.service, operation: call.operation, detail: "the request has no URL")
        }
        var request = HTTPClientRequest(url: "\(scheme)://\(authority)\(path)")
        request.method = .init(rawValue: head.method.rawValue)
        for field in head.headerFields {
            request.headers.add(name: field.name.rawName, value: field.value)
        }
        if let body = call.body {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }

    private func tooLarge(_ call: HTTPCall) -> HTTPCallError {
        HTTPCallError(
            .tooLarge, service: call.service, operation: call.operation,
            detail: "the answer is larger than \(maxBodyBytes) bytes")
    }

    private func failure(_ error: any Error, of call: HTTPCall, whileReading: Bool) -> any Error {
        if error is CancellationError { return error }
        let (service, operation) = (call.service, call.operation)
        if let error = error as? HTTPClientError, [.deadlineExceeded, .readTimeout].contains(error) {
            let seconds = Double(Self.nanoseconds(call.timeout)) / 1e9
            return HTTPCallError(
                .timeout, service: service, operation: operation, detail: "timed out after \(seconds) s")
        }
        if whileReading {
            return HTTPCallError(
                .cutShort, service: service, operation: operation,
                detail: "the answer was cut short (\(Self.describe(error)))")
        }
        return HTTPCallError(
            .connection, service: service, operation: operation,
            detail: "no answer from \(call.host) (\(Self.describe(error)))")
    }

    /// A short account of a network error: its description, on one line, at most 160 characters.
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        return text.count > 160 ? String(text.prefix(160)) + "…" : text
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product + attoseconds / 1_000_000_000
    }
}
