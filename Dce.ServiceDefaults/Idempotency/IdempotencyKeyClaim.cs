namespace Dce.ServiceDefaults.Idempotency;

/// <summary>Which saves of a keyed write claim its <c>Idempotency-Key</c> (the first one, with the write's effect).</summary>
public static class IdempotencyKeyClaim
{
    /// <summary>
    /// Saves made until the result is disposed do not claim the key: an audit record of a call that failed (5xx) is not
    /// the call's effect, and a retry with the same key must run the call again rather than be told it was applied.
    /// </summary>
    public static IDisposable Withhold() => IdempotencyScope.Suspend();
}
