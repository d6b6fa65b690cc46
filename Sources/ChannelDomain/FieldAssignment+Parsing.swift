extension FieldAssignment {
    /// Parses `SF_FIELD=SOURCE` as typed on the command line; `SF_FIELD=` unassigns the field.
    ///
    /// Returns nil when there is no `=`; a malformed source throws the domain's error.
    public init?(parsing text: String) throws {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let source = text[text.index(after: equals)...]
        self.init(
            field: String(text[..<equals]), source: source.isEmpty ? nil : try MappingSource(parsing: String(source)))
    }
}
