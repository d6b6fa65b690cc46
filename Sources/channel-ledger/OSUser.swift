import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The OS user from the password database.
enum OSUser {
    static var name: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}
