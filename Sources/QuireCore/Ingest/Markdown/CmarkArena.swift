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
/// different threads never share it.
final class CmarkArena {
    private static let slabSize = 1 << 20
    private var slabs: [(memory: UnsafeMutableRawPointer, size: Int)] = []
    private var slabIndex = -1
    private var cursor: UnsafeMutableRawPointer?
    private var remaining = 0

    /// The allocator cmark calls; it finds the current thread's arena.
    /// Written once, read-only after: cmark only reads the function pointers.
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let mem = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        mem.initialize(
            to: cmark_mem(
                calloc: { count, size in CmarkArena.current.allocate(count * size) },
                realloc: { pointer, size in CmarkArena.current.reallocate(pointer, size) },
                free: { _ in }))
        return mem
    }()

    /// Each thread's arena; released with the thread.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { arena in
            if let arena { Unmanaged<CmarkArena>.fromOpaque(arena).release() }
        }
        return key
    }()

    /// This thread's arena, made on first use.
    private static var current: CmarkArena {
        if let arena = pthread_getspecific(key) {
            return Unmanaged<CmarkArena>.fromOpaque(arena).takeUnretainedValue()
        }
        let arena = CmarkArena()
        pthread_setspecific(key, Unmanaged.passRetained(arena).toOpaque())
        return arena
    }

    /// Runs `body`, which parses with `allocator`, then takes back everything it allocated.
    static func withArena<T>(_ body: () -> T) -> T {
        let arena = current
        defer { arena.reset() }
        return body()
    }

    deinit {
        for slab in slabs { free(slab.memory) }
    }

    private func reset() {
        // Keep one slab's worth for the next document; return the rest.
        while slabs.count > 2 { free(slabs.removeLast().memory) }
        slabIndex = -1
        cursor = nil
        remaining = 0
    }

    /// Zeroed memory, 16-byte aligned, with its size stored just before it for `realloc`.
    private func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        let needed = (size + 16 + 15) & ~15
        if needed > remaining, !nextSlab(needed) { return nil }
        let block = cursor!
        cursor = block + needed
        remaining -= needed
        block.storeBytes(of: size, as: Int.self)
        memset(block + 16, 0, size)
        return block + 16
    }

    /// Moves to a slab with room for `needed` bytes, reusing kept slabs first.
    private func nextSlab(_ needed: Int) -> Bool {
        while slabIndex + 1 < slabs.count {
            slabIndex += 1
            if slabs[slabIndex].size >= needed {
                cursor = slabs[slabIndex].memory
                remaining = slabs[slabIndex].size
                return true
            }
        }
        let size = max(CmarkArena.slabSize, needed)
        guard let memory = malloc(size) else { return false }
        slabs.append((memory, size))
        slabIndex = slabs.count - 1
        cursor = memory
        remaining = size
        return true
    }

    private func reallocate(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        guard let pointer else { return allocate(size) }
        let oldSize = (pointer - 16).load(as: Int.self)
        if size <= oldSize { return pointer }
        // Grow in place when this is the latest allocation and the slab has room.
        let oldNeeded = (oldSize + 16 + 15) & ~15
        let newNeeded = (size + 16 + 15) & ~15
        if pointer - 16 + oldNeeded == cursor, newNeeded - oldNeeded <= remaining {
            cursor = cursor! + (newNeeded - oldNeeded)
            remaining -= newNeeded - oldNeeded
            (pointer - 16).storeBytes(of: size, as: Int.self)
            memset(pointer + oldSize, 0, size - oldSize)
            return pointer
        }
        guard let moved = allocate(size) else { return nil }
        moved.copyMemory(from: pointer, byteCount: oldSize)
        return moved
    }
}
