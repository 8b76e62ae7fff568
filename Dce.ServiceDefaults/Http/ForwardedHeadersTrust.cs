namespace Dce.ServiceDefaults.Http;

/// <summary>
/// Which proxies may tell a service its client's address (<c>X-Forwarded-For</c>, <c>-Proto</c>, <c>-Host</c>);
/// configuration section <c>Dce:ForwardedHeaders</c>. Lockout, rate limits and audit use the address that results.
/// </summary>
public sealed class ForwardedHeadersTrust
{
    /// <summary>Configuration section: <c>Dce:ForwardedHeaders</c>.</summary>
    public const string Section = "Dce:ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.7</c>.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. the pod network <c>10.244.0.0/16</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>Whether a proxy on loopback (the gateway on the same machine) is trusted; the gateway itself turns it off.</summary>
    public bool TrustLoopback { get; set; } = true;
}
