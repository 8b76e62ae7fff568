using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dce.ServiceDefaults.Idempotency;

/// <summary>
/// An endpoint filter that decides whether the caller may make the call at all (not what the call does). A keyed write
/// answered from its record runs these first, so a caller who lost the right since gets the refusal, not the kept response.
/// </summary>
public sealed class ReplayedAuthorization(IEndpointFilter filter)
{
    private static readonly object Allowed = new();

    /// <summary>The filter's refusal of the current caller, or null when it lets the call through.</summary>
    public async ValueTask<object?> RefusalAsync(HttpContext http)
    {
        var answer = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ => ValueTask.FromResult<object?>(Allowed));
        return ReferenceEquals(answer, Allowed) ? null : answer;
    }
}

/// <summary>Adds authorization filters that replays of keyed writes run too.</summary>
public static class ReplayedAuthorizationExtensions
{
    /// <summary>Adds <paramref name="filter"/> to the endpoint and to what a replay of a keyed write checks first.</summary>
    public static TBuilder AddAuthorizationFilter<TBuilder>(this TBuilder builder, IEndpointFilter filter) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(filter).WithMetadata(new ReplayedAuthorization(filter));
}
