namespace Dce.Gateway.Routing;

/// <summary>An API group (<c>ghippo.io</c>) and the service that owns it (<c>ghippo</c>), as the graph declares them.</summary>
public sealed record ModuleRoute(string ApiGroup, string Service)
{
    /// <summary>The path prefix the group is served under.</summary>
    public string PathPrefix => $"/apis/{ApiGroup}";
}
