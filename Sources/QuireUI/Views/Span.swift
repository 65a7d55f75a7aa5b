import QuireCore

/// A run of text in one style.
public struct Span: Equatable, Sendable {
    public var text: String
    public var style: Style
    /// Where the text links to (an OSC 8 hyperlink on terminals that show them).
    public var url: String?

    public init(_ text: String, _ style: Style = .normal, url: String? = nil) {
        self.text = text
        self.style = style
        self.url = url
    }
}
