#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `stat` says about a file's identity and last change: equal stamps taken before and after a
/// read mean nothing wrote the file in between (to the file system's timestamp granularity).
struct FileStamp: Equatable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modified: Int64
    let modifiedNanoseconds: Int
    let changed: Int64
    let changedNanoseconds: Int

    /// The stamp of the file at `path`; nil when it cannot be read.
    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
            (modified, modifiedNanoseconds) = (Int64(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec))
            (changed, changedNanoseconds) = (Int64(info.st_ctimespec.tv_sec), Int(info.st_ctimespec.tv_nsec))
        #else
            (modified, modifiedNanoseconds) = (Int64(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec))
            (changed, changedNanoseconds) = (Int64(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec))
        #endif
    }
}
