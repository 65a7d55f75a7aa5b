import QuireCore

/// What happens on its own and reaches the loop as actions (a library being read).
public protocol ActionSource: AnyObject {
    /// The actions that arrived since the last call, oldest first.
    func collect() -> [Action]
}

/// Reads the library while the reader runs, and again when asked (`reload`) or when its
/// files change.
public protocol LibrarySource: ActionSource {
    /// Reads the library's files again; `libraryReloaded` follows.
    func reload()
}

/// Runs the app: render, show, wait for input, update, until the user quits.
///
/// Keys become actions through the state's keymap, in the contexts the state is in
/// (`AppState.keyContexts`); a key no row takes does nothing.
public struct AppLoop {
    public init() {}

    /// Runs until `q` at the top level, or a terminating signal; returns the final state.
    ///
    /// - Parameters:
    ///   - runner: carries out `save` effects and reports back; none for headless runs.
    ///   - engine: runs `/` searches; without one, `/` finds nothing.
    ///   - links: opens and copies links; without one, `o` and `y` do nothing.
    ///   - clock: seconds since 1970; marks are stamped with it (headless runs keep 0,
    ///     so their output does not depend on the time).
    ///   - milliseconds: a steady clock in milliseconds, which tells a held key from
    ///     separate presses (headless runs keep 0: every frame drawn whole).
    ///   - loader: reads the library while the reader runs (`libraryGrew`,
    ///     `libraryLoaded`); none when the state holds the whole library already.
    ///   - onEvent: called when an event arrives, before it is handled (benchmarks).
    ///   - onFrame: called after each frame is shown; returning false ends the loop.
    public func run(
        _ initial: AppState, on backend: some TerminalBackend, effects runner: EffectRunner? = nil,
        search engine: SearchEngine? = nil, links: LinkActions? = nil,
        loader: LibrarySource? = nil,
        clock: () -> Int = { 0 }, milliseconds: () -> Int = { 0 },
        onEvent: (InputEvent) -> Void = { _ in },
        onFrame: (AppState) -> Bool = { _ in true }
    ) -> AppState {
        // The effects that need the outside world, whatever action returned them; `quit`
        // and `redrawAll` are the loop's own, below.
        func carryOut(_ effects: [Effect], _ state: inout AppState) {
            for effect in effects {
                switch effect {
                case .save, .saveChanges: runner?.perform(effect)
                case .search(let query, let generation):
                    engine?.search(query, generation: generation, marks: state.marks)
                case .libraryChanged(let complete):
                    engine?.libraryChanged(state.library, complete: complete)
                case .reloadLibrary: loader?.reload()
                case .openURL(let url):
                    if let message = links?.open(url, on: backend) {
                        _ = update(&state, .linkReport(message))
                    }
                case .copy(let text, let what):
                    if let links {
                        _ = update(&state, .linkReport(links.copy(text, what: what, on: backend)))
                    }
                case .quit, .redrawAll: break
                }
            }
        }
        var state = initial
        if backend.size != state.size { _ = update(&state, .resize(backend.size)) }
        var everything = true
        var shown: ScreenBuffer?
        while true {
            let frame = render(state, previous: everything ? nil : shown)
            backend.present(frame, everything: everything)
            shown = frame
            guard onFrame(state) else { return state }
            everything = false
            // Held-back previews are drawn as soon as the cursor rests.
            let event = backend.nextEvent(
                timeoutMilliseconds: state.previewsDeferred ? AppState.restInterval : 250)
            let reports =
                (loader?.collect() ?? []) + (runner?.collect() ?? []) + (engine?.collect() ?? [])
                + (links?.collect() ?? [])
            for reported in reports { carryOut(update(&state, reported), &state) }
            guard let event else {
                stamp(&state, clock(), milliseconds())
                carryOut(update(&state, .tick), &state)
                continue
            }
            onEvent(event)
            let action: Action
            switch event {
            case .terminate:
                return state
            case .resize(let size):
                action = .resize(size)
            case .key(let key):
                guard let bound = state.keymap.action(for: key, in: state.keyContexts) else {
                    continue
                }
                action = bound
            case .mouse(let mouse):
                action = .mouse(mouse)
            }
            stamp(&state, clock(), milliseconds())
            let effects = update(&state, action)
            carryOut(effects, &state)
            // An inline engine answers at once: show its hits in this frame.
            for reported in engine?.collect() ?? [] { _ = update(&state, reported) }
            if effects.contains(.quit) { return state }
            if effects.contains(.redrawAll) { everything = true }
        }
    }

    private func stamp(_ state: inout AppState, _ seconds: Int, _ milliseconds: Int) {
        state.nowSeconds = seconds
        state.nowMilliseconds = milliseconds
    }
}
