namespace Dce.ServiceDefaults.Idempotency;

/// <summary>How writes with an <c>Idempotency-Key</c> are remembered (<c>Dce:Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Dce:Idempotency";

    /// <summary>How long a key is remembered; older records are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often each replica deletes the records older than <see cref="Retention"/>.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a record whose effect committed but whose response is not yet kept counts as in progress (409); after
    /// that its response is taken as lost.
    /// </summary>
    public TimeSpan InProgressFor { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest response kept for replay; a larger one is sent as it is and not kept.</summary>
    public int MaxResponseBytes { get; set; } = 256 * 1024;
}
