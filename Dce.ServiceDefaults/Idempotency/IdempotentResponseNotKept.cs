using Microsoft.AspNetCore.Builder;

namespace Dce.ServiceDefaults.Idempotency;

/// <summary>
/// Marks an endpoint whose response carries a secret (a token, a generated key): a keyed write to it still applies
/// once, but its response is never stored; a retry is told the write was applied instead.
/// </summary>
public sealed class IdempotentResponseNotKept
{
    public static IdempotentResponseNotKept Instance { get; } = new();

    private IdempotentResponseNotKept()
    {
    }
}

/// <summary>Endpoint conventions for keyed writes.</summary>
public static class IdempotentEndpointExtensions
{
    /// <summary>Never stores this endpoint's response for replay (it carries a secret).</summary>
    public static TBuilder KeepsNoIdempotentResponse<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IdempotentResponseNotKept.Instance);
}
