import QuireCore

/// Draws the `?` help: every binding of the keymap, in a box over the screen; in two
/// columns when one does not fit the height.
enum HelpOverlay {
    static func draw(_ keymap: Keymap, glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let size = buffer.size
        let bindings = keymap.bindings
        let keyColumn = bindings.map { DisplayWidth.of(keys($0)) }.max() ?? 10
        let helpColumn = bindings.map { DisplayWidth.of($0.help) }.max() ?? 20
        let fitsOneColumn = bindings.count + 4 <= size.rows - 2
        let columns = fitsOneColumn ? 1 : 2
        let perColumn = (bindings.count + columns - 1) / columns
        let width = min(size.columns - 2, columns * (keyColumn + helpColumn + 4) + 3)
        let height = min(size.rows - 2, perColumn + 4)
        guard width >= 10, height >= 3 else { return }
        let rect = Rect(
            x: (size.columns - width) / 2, y: (size.rows - height) / 2, width: width, height: height
        )
        buffer.fill(rect, style: .help)
        for x in rect.x..<rect.maxX {
            buffer.put(glyphs.horizontal, x: x, y: rect.y, maxWidth: 1, style: .border)
            buffer.put(glyphs.horizontal, x: x, y: rect.maxY - 1, maxWidth: 1, style: .border)
        }
        buffer.put(
            " Keys — any key closes ", x: rect.x + 2, y: rect.y, maxWidth: rect.width - 4,
            style: .paneTitleFocused)
        let rows = max(0, height - 4)
        let columnWidth = (rect.width - 3) / columns
        let keyWidth = min(keyColumn, max(4, columnWidth * 2 / 5))
        for (index, binding) in bindings.enumerated() {
            let column = index / max(1, perColumn)
            let row = index % max(1, perColumn)
            guard row < rows, column < columns else { continue }
            let x = rect.x + 2 + column * columnWidth
            let y = rect.y + 2 + row
            buffer.put(keys(binding), x: x, y: y, maxWidth: keyWidth, style: .helpKey)
            let helpX = x + keyWidth + 2
            let room = x + columnWidth - 1 - helpX
            buffer.put(
                Truncate.toWidth(binding.help, room, ellipsis: glyphs.ellipsis), x: helpX, y: y,
                maxWidth: room, style: .help)
        }
        if perColumn > rows {
            buffer.put(
                "\(glyphs.ellipsis) enlarge the terminal to see every key", x: rect.x + 2,
                y: rect.maxY - 2,
                maxWidth: rect.width - 4, style: .dim)
        }
    }

    private static func keys(_ binding: Binding) -> String {
        binding.keys.map(\.description).joined(separator: " ")
    }
}
