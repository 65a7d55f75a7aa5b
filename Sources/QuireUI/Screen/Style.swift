/// What a cell is, for the theme to colour: render picks a role, the theme picks attributes.
///
/// Keeping roles in the buffer makes screens comparable across themes (golden screens
/// show roles) and lets each terminal backend map them to what it can show.
public enum Style: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case normal
    case dim
    case border
    case title
    case paneTitle
    case paneTitleFocused
    case selected
    case selectedUnfocused
    case link
    case linkSelected
    case linkNumber
    case heading
    case status
    case statusMessage
    case help
    case helpKey
    case accent
    /// Characters a search query matched, in a hit.
    case match
    /// Matched characters in the selected hit.
    case matchSelected

    public var description: String {
        switch self {
        case .normal: "normal"
        case .dim: "dim"
        case .border: "border"
        case .title: "title"
        case .paneTitle: "pane-title"
        case .paneTitleFocused: "pane-title-focused"
        case .selected: "selected"
        case .selectedUnfocused: "selected-unfocused"
        case .link: "link"
        case .linkSelected: "link-selected"
        case .linkNumber: "link-number"
        case .heading: "heading"
        case .status: "status"
        case .statusMessage: "status-message"
        case .help: "help"
        case .helpKey: "help-key"
        case .accent: "accent"
        case .match: "match"
        case .matchSelected: "match-selected"
        }
    }
}
