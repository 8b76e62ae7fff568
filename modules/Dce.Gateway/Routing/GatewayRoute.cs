namespace Dce.Gateway.Routing;

/// <summary>
/// One entry of the gateway: requests whose path starts with <see cref="PathPrefix"/> go to <see cref="Service"/>.
/// Anonymous routes (login, token refresh, keys, discovery) skip the token check; every other route requires one.
/// </summary>
public sealed record GatewayRoute
{
    /// <summary>The path prefix, e.g. <c>/apis/ghippo.io</c>.</summary>
    public required string PathPrefix { get; init; }

    /// <summary>The service-discovery name of the module that owns the prefix.</summary>
    public required string Service { get; init; }

    /// <summary>True when callers need no token.</summary>
    public bool Anonymous { get; init; }

    /// <summary>True when a browser's requests stay with one replica of the service (interactive pages).</summary>
    public bool Affinity { get; init; }
}
