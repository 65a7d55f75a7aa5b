import Foundation

// quire-pathological DIR [SCALE]: writes each case of `PathologicalMarkdown` to
// DIR/NAME.md, for `scripts/bench-pathological` and the tests.
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: quire-pathological DIR [SCALE]\n".utf8))
    exit(64)
}
let folder = arguments[1]
let scale = arguments.count > 2 ? Double(arguments[2]) ?? 1 : 1
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
for item in PathologicalMarkdown.cases(scale: scale) {
    try Data(item.text.utf8).write(to: URL(fileURLWithPath: folder + "/" + item.name + ".md"))
}
