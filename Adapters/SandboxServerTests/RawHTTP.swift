import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One HTTP/1.1 exchange over a plain socket, to see exactly which bytes a fault sends before the
/// server closes the connection (an HTTP client would only report an error).
enum RawHTTP {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends `request` to 127.0.0.1:`port` and returns every byte received until the server closes
    /// the connection (at most 10 seconds of waiting), or, given `silence`, until nothing came for
    /// that many seconds after the first bytes.
    static func exchange(port: Int, request: String, silence: Int? = nil) throws -> [UInt8] {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect() failed") }
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw Failure(description: "send() failed") }
            sent += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return received }
            if count < 0 {
                if errno == ECONNRESET
                    || (silence != nil && !received.isEmpty && (errno == EAGAIN || errno == EWOULDBLOCK))
                {
                    return received
                }
                throw Failure(description: "recv() failed or timed out (errno \(errno))")
            }
            if received.isEmpty, let silence {
                var quiet = timeval(tv_sec: silence, tv_usec: 0)
                setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &quiet, socklen_t(MemoryLayout<timeval>.size))
            }
            received.append(contentsOf: buffer[0..<count])
        }
    }

    /// A POST of a JSON body, closing the connection after the answer. The blocking socket calls
    /// run on a thread of their own, never on one the server's tasks need.
    static func post(port: Int, path: String, json: String, silence: Int? = nil) async throws -> [UInt8] {
        let lines = [
            "POST \(path) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Content-Type: application/json",
            "Content-Length: \(json.utf8.count)", "Connection: close", "", json,
        ]
        let request = lines.joined(separator: "\r\n")
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try exchange(port: port, request: request, silence: silence) })
            }
        }
    }

    /// The head and the body bytes of a raw answer, split at the blank line; nil without one.
    static func split(_ bytes: [UInt8]) -> (head: String, body: [UInt8])? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard bytes.count >= separator.count else { return nil }
        for index in 0...(bytes.count - separator.count)
        where Array(bytes[index..<index + separator.count]) == separator {
            return (String(decoding: bytes[..<index], as: UTF8.self), Array(bytes[(index + separator.count)...]))
        }
        return nil
    }
}
