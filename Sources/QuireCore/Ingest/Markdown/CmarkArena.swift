import CCmarkGFM

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A bump allocator for cmark-gfm, one per thread, emptied after each document.
///
/// cmark allocates every node and string buffer separately and frees them one by one;
/// for a library of a thousand link-heavy documents that was a third of all load time,
/// spent in `malloc` and `free`. A document's tree lives only until its blocks are read,
/// so its memory comes from slabs here and is all taken back at once; the slabs stay with
/// the thread for its next document. cmark-gfm has an arena of its own, but it is a
/// single global one; this one is found through a thread-local key, so parsers on
/// different threads never share it. The state is a plain struct in memory of its own,
/// so the allocation path does no reference counting.
enum CmarkArena {
    private struct State {
        /// Slabs in use or kept for reuse: a malloc'ed array of (pointer, size) pairs.
        var slabs: UnsafeMutablePointer<(UnsafeMutableRawPointer, Int)>
        var slabCapacity: Int
        var slabCount: Int
        var slabIndex: Int
        var cursor: UnsafeMutableRawPointer?
        var remaining: Int
    }

    private static let slabSize = 1 << 20

    /// The allocator cmark calls; it finds the current thread's arena.
    ///
    /// Written once, read-only after: cmark only reads the function pointers.
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let mem = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        mem.initialize(
            to: cmark_mem(
                calloc: { count, size in CmarkArena.allocate(CmarkArena.current, count * size) },
                realloc: { pointer, size in CmarkArena.reallocate(CmarkArena.current, pointer, size)
                },
                free: { _ in }))
        return mem
    }()

    /// Each thread's arena; released with the thread.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            guard let state = raw?.assumingMemoryBound(to: State.self) else { return }
            for index in 0..<state.pointee.slabCount { free(state.pointee.slabs[index].0) }
            free(state.pointee.slabs)
            free(state)
        }
        return key
    }()

    /// This thread's arena, made on first use.
    private static var current: UnsafeMutablePointer<State> {
        if let raw = pthread_getspecific(key) { return raw.assumingMemoryBound(to: State.self) }
        let state = malloc(MemoryLayout<State>.stride)!.bindMemory(to: State.self, capacity: 1)
        let slabs = malloc(16 * MemoryLayout<(UnsafeMutableRawPointer, Int)>.stride)!
            .bindMemory(to: (UnsafeMutableRawPointer, Int).self, capacity: 16)
        state.initialize(
            to: State(
                slabs: slabs, slabCapacity: 16, slabCount: 0, slabIndex: -1, cursor: nil,
                remaining: 0))
        pthread_setspecific(key, state)
        return state
    }

    /// Runs `body`, which parses with `allocator`, then takes back everything it allocated.
    static func withArena<T>(_ body: () -> T) -> T {
        let state = current
        defer { reset(state) }
        return body()
    }

    private static func reset(_ state: UnsafeMutablePointer<State>) {
        // Keep two slabs for the next document; return the rest.
        while state.pointee.slabCount > 2 {
            state.pointee.slabCount -= 1
            free(state.pointee.slabs[state.pointee.slabCount].0)
        }
        state.pointee.slabIndex = -1
        state.pointee.cursor = nil
        state.pointee.remaining = 0
    }

    /// Zeroed memory, 16-byte aligned, with its size stored just before it for `realloc`.
    private static func allocate(_ state: UnsafeMutablePointer<State>, _ size: Int)
        -> UnsafeMutableRawPointer?
    {
        let needed = (size + 16 + 15) & ~15
        if needed > state.pointee.remaining, !nextSlab(state, needed) { return nil }
        let block = state.pointee.cursor!
        state.pointee.cursor = block + needed
        state.pointee.remaining -= needed
        block.storeBytes(of: size, as: Int.self)
        memset(block + 16, 0, size)
        return block + 16
    }

    /// Moves to a slab with room for `needed` bytes, reusing kept slabs first.
    private static func nextSlab(_ state: UnsafeMutablePointer<State>, _ needed: Int) -> Bool {
        while state.pointee.slabIndex + 1 < state.pointee.slabCount {
            state.pointee.slabIndex += 1
            let slab = state.pointee.slabs[state.pointee.slabIndex]
            if slab.1 >= needed {
                state.pointee.cursor = slab.0
                state.pointee.remaining = slab.1
                return true
            }
        }
        if state.pointee.slabCount == state.pointee.slabCapacity {
            let capacity = state.pointee.slabCapacity * 2
            guard
                let grown = realloc(
                    state.pointee.slabs,
                    capacity * MemoryLayout<(UnsafeMutableRawPointer, Int)>.stride)
            else { return false }
            state.pointee.slabs = grown.bindMemory(
                to: (UnsafeMutableRawPointer, Int).self, capacity: capacity)
            state.pointee.slabCapacity = capacity
        }
        let size = max(slabSize, needed)
        guard let memory = malloc(size) else { return false }
        state.pointee.slabs[state.pointee.slabCount] = (memory, size)
        state.pointee.slabCount += 1
        state.pointee.slabIndex = state.pointee.slabCount - 1
        state.pointee.cursor = memory
        state.pointee.remaining = size
        return true
    }

    private static func reallocate(
        _ state: UnsafeMutablePointer<State>, _ pointer: UnsafeMutableRawPointer?, _ size: Int
    ) -> UnsafeMutableRawPointer? {
        guard let pointer else { return allocate(state, size) }
        let oldSize = (pointer - 16).load(as: Int.self)
        if size <= oldSize { return pointer }
        // Grow in place when this is the latest allocation and the slab has room.
        let oldNeeded = (oldSize + 16 + 15) & ~15
        let newNeeded = (size + 16 + 15) & ~15
        if pointer - 16 + oldNeeded == state.pointee.cursor,
            newNeeded - oldNeeded <= state.pointee.remaining
        {
            state.pointee.cursor = state.pointee.cursor! + (newNeeded - oldNeeded)
            state.pointee.remaining -= newNeeded - oldNeeded
            (pointer - 16).storeBytes(of: size, as: Int.self)
            memset(pointer + oldSize, 0, size - oldSize)
            return pointer
        }
        guard let moved = allocate(state, size) else { return nil }
        moved.copyMemory(from: pointer, byteCount: oldSize)
        return moved
    }
}
