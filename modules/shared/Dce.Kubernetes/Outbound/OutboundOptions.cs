namespace Dce.Kubernetes.Outbound;

/// <summary>Where the platform may connect to reach a cluster's API server (<c>Dce:Clusters:Outbound</c>).</summary>
public sealed class OutboundOptions
{
    /// <summary>Configuration section: <c>Dce:Clusters:Outbound</c>.</summary>
    public const string Section = "Dce:Clusters:Outbound";

    /// <summary>
    /// Networks (CIDR) allowed although refused by default, e.g. <c>127.0.0.0/8</c> for simulated clusters on this
    /// machine. Link-local, cloud metadata, unspecified, multicast and broadcast addresses stay refused whatever is allowed.
    /// </summary>
    public List<string> AllowNetworks { get; set; } = [];

    /// <summary>Networks (CIDR) refused although otherwise allowed; a denial wins over an allowance.</summary>
    public List<string> DenyNetworks { get; set; } = [];

    /// <summary>Whether API servers may be reached over plain http; https only by default.</summary>
    public bool AllowHttp { get; set; }
}
