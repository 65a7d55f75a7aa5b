import QuireCore

/// Carries out effects that need the outside world (saving marks), and reports back.
public protocol EffectRunner: AnyObject {
    /// Starts `effect`; must not block for long (a key press is waiting).
    func perform(_ effect: Effect)
    /// What happened since the last call (saved, failed), as actions for `update`.
    func collect() -> [Action]
}
