/// Timing helpers for the commands' benchmark options and logs.
extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}

/// Times of one piece of work run again and again for a while.
struct RepeatedTiming {
    var median: Double
    var mean: Double
    var best: Double
    var runs: Int
    /// What the last run returned (a count of matches, say).
    var last: Int

    /// Runs `body` until `seconds` have passed (at least once); times in milliseconds.
    init(seconds: Double, _ body: () -> Int) {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(seconds * 1000))
        var times: [Double] = []
        var last = 0
        repeat {
            let start = clock.now
            last = body()
            times.append((clock.now - start).milliseconds)
        } while clock.now < deadline
        times.sort()
        median = times[times.count / 2]
        mean = times.reduce(0, +) / Double(times.count)
        best = times[0]
        runs = times.count
        self.last = last
    }
}
