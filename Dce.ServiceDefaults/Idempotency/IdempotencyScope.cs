using Microsoft.EntityFrameworkCore;

namespace Dce.ServiceDefaults.Idempotency;

/// <summary>The record a request with an <c>Idempotency-Key</c> carries into its first SaveChanges, and what became of it.</summary>
internal sealed class IdempotencyScope(IdempotentRequest record)
{
    private static readonly AsyncLocal<IdempotencyScope?> Ambient = new();

    public static IdempotencyScope? Current => Ambient.Value;

    public IdempotentRequest Record { get; } = record;

    /// <summary>The context whose SaveChanges carries the record (the first one that saved during the request).</summary>
    public DbContext? Carrier { get; set; }

    /// <summary>The record was saved with the request's effect.</summary>
    public bool Recorded { get; set; }

    /// <summary>A save carrying the record hit a unique index: possibly another request with the same key.</summary>
    public bool Collided { get; set; }

    public IDisposable Enter()
    {
        Ambient.Value = this;
        return new Restore(null);
    }

    /// <summary>Saves until disposal carry no record (see <see cref="IdempotencyKeyClaim.Withhold"/>).</summary>
    public static IDisposable Suspend()
    {
        var current = Ambient.Value;
        Ambient.Value = null;
        return new Restore(current);
    }

    private sealed class Restore(IdempotencyScope? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
