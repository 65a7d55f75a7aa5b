import QuireCore

/// Draws the `?` help: every row of the keymap in force, grouped by where the keys work,
/// in a box over the screen; in two columns when one does not fit the height, and in pages
/// when two do not.
enum HelpOverlay {
    /// A line of the help: a group's title, a row, or the space between groups.
    private enum Line {
        case title(String)
        case binding(Binding)
        case blank
    }

    /// How the help sits on a screen of some size.
    private struct Plan {
        var lines: [Line]
        var rect: Rect
        var columns: Int
        /// Lines per column.
        var rows: Int
        var keyWidth: Int
        var columnWidth: Int

        var perPage: Int { max(1, rows * columns) }
        var pageCount: Int { max(1, (lines.count + perPage - 1) / perPage) }
    }

    /// How many pages the help of `keymap` takes on a screen of `size`.
    static func pageCount(_ keymap: Keymap, size: Size) -> Int {
        plan(keymap, size: size)?.pageCount ?? 1
    }

    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        guard let plan = plan(state.keymap, size: buffer.size) else { return }
        let glyphs = state.glyphs
        let rect = plan.rect
        buffer.fill(rect, style: .help)
        for x in rect.x..<rect.maxX {
            buffer.put(glyphs.horizontal, x: x, y: rect.y, maxWidth: 1, style: .border)
            buffer.put(glyphs.horizontal, x: x, y: rect.maxY - 1, maxWidth: 1, style: .border)
        }
        let page = min(state.helpPage, plan.pageCount - 1)
        let heading =
            plan.pageCount == 1
            ? " Keys — any key closes "
            : " Keys \(page + 1)/\(plan.pageCount) — j ↓ more, k ↑ back, any other key closes "
        buffer.put(
            heading, x: rect.x + 2, y: rect.y, maxWidth: rect.width - 4, style: .paneTitleFocused)
        let shown = plan.lines.dropFirst(page * plan.perPage).prefix(plan.perPage)
        for (index, line) in shown.enumerated() {
            let x = rect.x + 1 + (index / plan.rows) * plan.columnWidth
            let y = rect.y + 2 + index % plan.rows
            switch line {
            case .blank:
                break
            case .title(let title):
                buffer.put(title, x: x + 1, y: y, maxWidth: plan.columnWidth - 2, style: .helpKey)
            case .binding(let binding):
                buffer.put(
                    keys(binding), x: x + 2, y: y, maxWidth: plan.keyWidth, style: .helpKey)
                let helpX = x + 2 + plan.keyWidth + 2
                let room = x + plan.columnWidth - 1 - helpX
                buffer.put(
                    Truncate.toWidth(binding.help, room, ellipsis: glyphs.ellipsis), x: helpX, y: y,
                    maxWidth: room, style: .help)
            }
        }
    }

    private static func plan(_ keymap: Keymap, size: Size) -> Plan? {
        var lines: [Line] = []
        for group in keymap.groups {
            if !lines.isEmpty { lines.append(.blank) }
            lines.append(.title(group.title))
            lines += group.bindings.map(Line.binding)
        }
        let bindings = keymap.bindings
        let keyColumn = bindings.map { DisplayWidth.of(keys($0)) }.max() ?? 10
        let helpColumn = bindings.map { DisplayWidth.of($0.help) }.max() ?? 20
        let available = size.rows - 6
        let columns = lines.count <= available ? 1 : 2
        let width = min(size.columns - 2, columns * (keyColumn + helpColumn + 6) + 3)
        let rows = max(1, min(available, (lines.count + columns - 1) / columns))
        let height = rows + 4
        guard width >= 10, available >= 1 else { return nil }
        let rect = Rect(
            x: (size.columns - width) / 2, y: (size.rows - height) / 2, width: width, height: height
        )
        let columnWidth = (rect.width - 3) / columns
        return Plan(
            lines: lines, rect: rect, columns: columns, rows: rows,
            keyWidth: min(keyColumn, max(4, columnWidth * 2 / 5)), columnWidth: columnWidth)
    }

    private static func keys(_ binding: Binding) -> String {
        binding.keyNames.joined(separator: " ")
    }
}
