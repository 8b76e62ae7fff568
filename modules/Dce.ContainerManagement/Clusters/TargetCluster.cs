using k8s;
using Microsoft.AspNetCore.Mvc;

namespace Dce.ContainerManagement.Clusters;

/// <summary>
/// The cluster a request's route names, taken by handlers as <c>[AsParameters] TargetCluster cluster</c>. The name is
/// read from the route once; the cluster is looked up and connected at most once, when the handler first needs it, so
/// the permission filters always run before any connection. It records itself on the request so that a failed call is
/// answered naming this cluster (<see cref="Of"/>).
/// </summary>
public sealed class TargetCluster
{
    private ClusterConnection? _connection;

    public TargetCluster(string name, HttpContext http)
    {
        Name = name;
        Http = http;
        http.Features.Set(this);
    }

    [FromRoute(Name = "cluster")]
    public string Name { get; }

    public HttpContext Http { get; }

    /// <summary>Records <paramref name="name"/> as the request's cluster where the route names it otherwise (<c>/clusters/{name}</c>).</summary>
    public static TargetCluster Record(HttpContext http, string name) => new(name, http);

    /// <summary>The cluster the request named, or null when it named none.</summary>
    public static TargetCluster? Of(HttpContext http) => http.Features.Get<TargetCluster>();

    public async ValueTask<ClusterConnection> ConnectAsync(CancellationToken cancellationToken) =>
        _connection ??= await Http.RequestServices.GetRequiredService<ClusterResolver>().ConnectAsync(Name, cancellationToken);

    /// <summary>The client for ordinary calls, connecting first if needed.</summary>
    public async ValueTask<IKubernetes> ClientAsync(CancellationToken cancellationToken) => (await ConnectAsync(cancellationToken)).Client;
}
