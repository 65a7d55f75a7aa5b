/// The reader's lines for one selection and width, kept in the state between actions.
struct ReaderCache: Equatable, Sendable {
    /// What the lines were worked out for.
    struct Key: Equatable, Sendable {
        var showsLink: Bool
        var selection: AppState.Selection
        var width: Int
        var hasPlaces: Bool
    }

    var key: Key
    var lines: [ReaderLine]
}
