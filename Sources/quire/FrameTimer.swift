import Foundation

/// Writes, for each key or resize, the milliseconds from its arrival to its frame being on
/// the terminal (`--frame-log FILE`, for scripts/bench-ui); does nothing without a file.
final class FrameTimer {
    private let clock = ContinuousClock()
    private var arrived: ContinuousClock.Instant?
    private var lines: [String] = []
    private let path: String?

    init(logPath: String?) { path = logPath }

    func eventArrived() { arrived = clock.now }

    func frameShown() {
        guard path != nil, let arrived else { return }
        let elapsed = clock.now - arrived
        let ms = elapsed.milliseconds
        lines.append(String(format: "%.3f", ms))
        self.arrived = nil
    }

    func close() {
        guard let path else { return }
        try? (lines.joined(separator: "\n") + "\n").write(
            toFile: path, atomically: true, encoding: .utf8)
    }
}
