/// What a kind's parser makes of a document, before ids are assigned.
struct ParsedDocument: Sendable {
    var title: String
    var metadata: Metadata
    var sections: [Section]
}
