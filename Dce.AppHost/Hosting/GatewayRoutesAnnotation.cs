namespace Dce.AppHost.Hosting;

/// <summary>The path prefixes a module serves through the gateway, each anonymous or not.</summary>
public sealed class GatewayRoutesAnnotation : IResourceAnnotation
{
    private readonly List<(string PathPrefix, bool Anonymous)> _routes = [];

    /// <summary>The declared routes, in declaration order.</summary>
    public IReadOnlyList<(string PathPrefix, bool Anonymous)> Routes => _routes;

    /// <summary>Declares a route.</summary>
    public void Add(string pathPrefix, bool anonymous) => _routes.Add((pathPrefix, anonymous));
}
