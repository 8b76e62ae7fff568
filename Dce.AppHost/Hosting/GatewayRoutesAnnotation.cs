namespace Dce.AppHost.Hosting;

/// <summary>The path prefixes a module serves through the gateway, each anonymous or not, with or without session affinity.</summary>
public sealed class GatewayRoutesAnnotation : IResourceAnnotation
{
    private readonly List<(string PathPrefix, bool Anonymous, bool Affinity)> _routes = [];

    /// <summary>The declared routes, in declaration order.</summary>
    public IReadOnlyList<(string PathPrefix, bool Anonymous, bool Affinity)> Routes => _routes;

    /// <summary>Declares a route.</summary>
    public void Add(string pathPrefix, bool anonymous, bool affinity = false) => _routes.Add((pathPrefix, anonymous, affinity));
}
