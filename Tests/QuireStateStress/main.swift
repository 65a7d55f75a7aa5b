// Marks COUNT items read in the state file at PATH, one commit each, and prints each id
// once its commit has returned: the acknowledgement the crash and two-writer tests check.
//   quire-state-stress PATH PREFIX COUNT
import Foundation
import QuireCore

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: quire-state-stress PATH PREFIX COUNT\n".utf8))
    exit(64)
}
let store = StateStore(path: arguments[1])
for index in 0..<count {
    let id = ItemID(namespace: "stress", key: "\(arguments[2])-\(index)")
    do {
        try store.commit([
            id: ItemState(read: true, starred: index % 3 == 0, changed: StateClock.now())
        ])
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
    FileHandle.standardOutput.write(Data("\(id)\n".utf8))
}
