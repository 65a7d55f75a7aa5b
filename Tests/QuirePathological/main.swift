import Foundation

// quire-pathological DIR [SCALE [NAME]]: writes each case of `PathologicalMarkdown` (or
// the one called NAME) to DIR/NAME.md, for `scripts/bench-pathological` and the tests.
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: quire-pathological DIR [SCALE [NAME]]\n".utf8))
    exit(64)
}
let folder = arguments[1]
let scale = arguments.count > 2 ? Double(arguments[2]) ?? 1 : 1
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
let name = arguments.count > 3 ? arguments[3] : nil
for item in PathologicalMarkdown.cases(scale: scale, named: name) {
    try Data(item.text.utf8).write(to: URL(fileURLWithPath: folder + "/" + item.name + ".md"))
}
