namespace Dce.Gateway;

/// <summary>Per-subject request budget.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Sustained requests per second.</summary>
    public int RequestsPerSecond { get; set; } = 200;

    /// <summary>Requests allowed in one burst.</summary>
    public int Burst { get; set; } = 400;
}
