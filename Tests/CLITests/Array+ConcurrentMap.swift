extension Array where Element: Sendable {
    /// `transform` applied to every element, at most `width` at once, the results in the
    /// elements' order: the senders of the webhook load tests.
    func concurrentMap<T: Sendable>(width: Int, _ transform: @escaping @Sendable (Element) async -> T) async -> [T] {
        await withTaskGroup(of: (Int, T).self) { group in
            var results: [T?] = Array<T?>(repeating: nil, count: count)
            for (index, element) in enumerated() {
                if index >= width, let (done, result) = await group.next() { results[done] = result }
                group.addTask { (index, await transform(element)) }
            }
            for await (done, result) in group { results[done] = result }
            return results.map { $0! }
        }
    }
}
