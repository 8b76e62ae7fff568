using Dce.Kubernetes.Names;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Configuration;
using Dce.KubeSim.Security;
using Dce.KubeSim.Serving;
using Dce.KubeSim.Tls;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.KubeSim.Admin;

/// <summary>
/// The failure controls under <c>/sim</c>, outside the Kubernetes API: make a cluster unreachable or slow, mark
/// nodes NotReady, compact the watch history, restart the API, add or remove clusters. Bearer admin token required.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var sim = routes.MapGroup("/sim").AllowAnonymous().AddEndpointFilter(RequireAdminToken).WithTags("KubeSim admin");
        sim.MapGet("/clusters", ListClusters).WithName("ListSimulatedClusters").WithSummary("Lists simulated clusters");
        sim.MapPost("/clusters", AddCluster).WithName("AddSimulatedCluster").WithSummary("Adds a cluster from a profile");
        sim.MapDelete("/clusters/{name}", RemoveCluster).WithName("RemoveSimulatedCluster").WithSummary("Removes a cluster");
        sim.MapGet("/clusters/{name}/kubeconfig", Kubeconfig).WithName("GetSimulatedClusterKubeconfig").WithSummary("A kubeconfig for the cluster");
        sim.MapPut("/clusters/{name}/unreachable", SetUnreachable).WithName("SetClusterUnreachable").WithSummary("Refuses (or serves again) every API request");
        sim.MapPut("/clusters/{name}/latency", SetLatency).WithName("SetClusterLatency").WithSummary("Adds latency to every API request");
        sim.MapPut("/clusters/{name}/nodes/{node}/ready", SetNodeReady).WithName("SetNodeReady").WithSummary("Marks a node Ready or NotReady");
        sim.MapPost("/clusters/{name}/compact", Compact).WithName("CompactWatchHistory").WithSummary("Drops the watch history: older watches get 410");
        sim.MapPost("/clusters/{name}/restart", Restart).WithName("RestartClusterApi").WithSummary("Ends every watch; state is kept");
        sim.MapPodFaults();
        sim.MapLoadApi();
        return routes;
    }

    private static async ValueTask<object?> RequireAdminToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var registry = context.HttpContext.RequestServices.GetService(typeof(ClusterRegistry)) as ClusterRegistry;
        var token = registry?.Options.AdminToken;
        if (!BearerToken.Matches(context.HttpContext.Request, token))
        {
            return TypedResults.Unauthorized();
        }
        return await next(context);
    }

    private static Ok<ClusterSummary[]> ListClusters(ClusterRegistry registry, ClusterListeners listeners) =>
        TypedResults.Ok(registry.All.Select(c => ClusterSummary.Of(c, listeners.ServerUrl(c, registry.BaseUrl))).ToArray());

    private static Results<Created<ClusterSummary>, Conflict<string>, BadRequest<string>> AddCluster(ClusterProfile profile, ClusterRegistry registry, ClusterListeners listeners, ServingCertificate certificate)
    {
        if (!KubernetesNames.IsLabel(profile.Name))
        {
            return TypedResults.BadRequest("name must be a lowercase RFC 1123 label");
        }
        if (!string.IsNullOrEmpty(profile.Profile) && BuiltinProfiles.Find(profile.Profile) is null)
        {
            return TypedResults.BadRequest($"unknown profile {profile.Profile}; built-in profiles are {string.Join(", ", BuiltinProfiles.Names)}");
        }
        if (registry.Find(profile.Name) is not null)
        {
            return TypedResults.Conflict($"cluster {profile.Name} already exists");
        }
        if (profile.Port is < 0 or > 65535)
        {
            return TypedResults.BadRequest("port must be between 1 and 65535 (0 or none for a free one)");
        }
        var cluster = registry.Add(profile);
        try
        {
            listeners.Open(cluster);
        }
        catch (IOException error)
        {
            registry.Remove(cluster.Name);
            return TypedResults.Conflict($"cluster {profile.Name} cannot listen on port {profile.Port}: {error.Message}");
        }
        if (listeners.ServerUrl(cluster, registry.BaseUrl) is { } serverUrl && !string.IsNullOrEmpty(registry.Options.KubeconfigDirectory))
        {
            KubeconfigWriter.Write(cluster, serverUrl, certificate.PemBase64, registry.Options.KubeconfigDirectory);
        }
        return TypedResults.Created($"/sim/clusters/{cluster.Name}", ClusterSummary.Of(cluster, listeners.ServerUrl(cluster, registry.BaseUrl)));
    }

    private static Results<NoContent, NotFound> RemoveCluster(string name, ClusterRegistry registry)
    {
        if (registry.Find(name) is not { } cluster)
        {
            return TypedResults.NotFound();
        }
        registry.Remove(cluster.Name);
        return TypedResults.NoContent();
    }

    private static Results<ContentHttpResult, NotFound> Kubeconfig(string name, ClusterRegistry registry, ClusterListeners listeners, ServingCertificate certificate, HttpContext context) =>
        registry.Find(name) is { } cluster
            ? TypedResults.Text(KubeconfigWriter.Render(cluster, listeners.ServerUrl(cluster, registry.BaseUrl ?? $"{context.Request.Scheme}://{context.Request.Host}")!, certificate.PemBase64), "application/yaml")
            : TypedResults.NotFound();

    private static Results<NoContent, NotFound> SetUnreachable(string name, Toggle body, ClusterRegistry registry) =>
        With(registry, name, c => c.Failures.Unreachable = body.Enabled);

    private static Results<NoContent, NotFound> SetLatency(string name, LatencySetting body, ClusterRegistry registry) =>
        With(registry, name, c => c.Failures.Latency = TimeSpan.FromMilliseconds(Math.Max(0, body.Milliseconds)));

    private static Results<NoContent, NotFound> SetNodeReady(string name, string node, Toggle body, ClusterRegistry registry) =>
        With(registry, name, c =>
        {
            if (body.Enabled)
            {
                c.Failures.NotReadyNodes.TryRemove(node, out _);
            }
            else
            {
                c.Failures.NotReadyNodes[node] = true;
            }
            c.Store.Changed.Raise();
        });

    private static Results<NoContent, NotFound> Compact(string name, ClusterRegistry registry) => With(registry, name, c => c.Store.CompactHistory());

    private static Results<NoContent, NotFound> Restart(string name, ClusterRegistry registry) => With(registry, name, c => c.Restart());

    private static Results<NoContent, NotFound> With(ClusterRegistry registry, string name, Action<SimulatedCluster> action)
    {
        if (registry.Find(name) is not { } cluster)
        {
            return TypedResults.NotFound();
        }
        action(cluster);
        return TypedResults.NoContent();
    }
}

/// <summary>An on/off switch in an admin request body.</summary>
public sealed record Toggle(bool Enabled);

/// <summary>Added latency in milliseconds.</summary>
public sealed record LatencySetting(int Milliseconds);

/// <summary>What the admin API tells about a cluster.</summary>
public sealed record ClusterSummary(string Name, string Provider, string Region, string KubernetesVersion, string? Server,
    int Nodes, int Pods, long ResourceVersion, bool Unreachable, int LatencyMilliseconds)
{
    public static ClusterSummary Of(SimulatedCluster cluster, string? serverUrl) => new(
        cluster.Name, cluster.Profile.Provider, cluster.Profile.Region, cluster.Profile.KubernetesVersion, serverUrl,
        cluster.Store.Count("/nodes"), cluster.Store.Count("/pods"), cluster.Store.ResourceVersion,
        cluster.Failures.Unreachable, (int)cluster.Failures.Latency.TotalMilliseconds);
}
