import Foundation

/// A value shared between tasks and threads, guarded by a lock (the package still supports
/// macOS 14, which has no `Mutex`). For the package's own bookkeeping (the stores', and caches
/// such as the mapping sources already checked): `package`, not public API.
package final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    package init(_ value: Value) {
        self.value = value
    }

    /// Reads or changes the value while holding the lock.
    package func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// The current value.
    package var current: Value { withLock { $0 } }
}
