using Dce.KubeSim.Api.Metrics;
using Dce.KubeSim.Api.Proxy;
using Dce.KubeSim.Authorization;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.OpenApi;
using Dce.KubeSim.Security;

namespace Dce.KubeSim.Api;

/// <summary>Serves the Kubernetes API of every simulated cluster under <c>/clusters/{cluster}/</c>.</summary>
public static class KubeApiEndpoints
{
    public static IEndpointRouteBuilder MapKubernetesApi(this IEndpointRouteBuilder routes)
    {
        routes.Map("/clusters/{cluster}/{**path}", HandleAsync).ExcludeFromDescription().AllowAnonymous();
        routes.Map("/clusters/{cluster}", (HttpContext context, string cluster, ClusterRegistry registry) => HandleAsync(context, cluster, null, registry))
            .ExcludeFromDescription().AllowAnonymous();
        return routes;
    }

    /// <summary>Serves <paramref name="cluster"/>'s API for a request that reached the cluster's own address.</summary>
    public static Task ServeClusterAsync(HttpContext context, string cluster, string? path) =>
        HandleAsync(context, cluster, path, context.RequestServices.GetRequiredService<ClusterRegistry>());

    private static async Task HandleAsync(HttpContext context, string cluster, string? path, ClusterRegistry registry)
    {
        SimulatedCluster? sim = null;
        RequestSeries? counted = null;
        try
        {
            sim = registry.Find(cluster) ?? throw ApiException.NoResource();
            if (sim.Failures.Latency > TimeSpan.Zero)
            {
                await Task.Delay(sim.Failures.Latency, context.RequestAborted);
            }
            if (sim.Failures.Unreachable)
            {
                throw new ApiException(503, "ServiceUnavailable", "the server is currently unable to handle the request");
            }
            if (HealthEndpoints.TryServe(context, path, out var health))
            {
                await health;
                return;
            }
            var user = RequestAuthenticator.Authenticate(context.Request, sim) ?? throw new ApiException(401, "Unauthorized", "Unauthorized");
            user = Impersonation.Apply(context.Request, sim, user);
            RequestAuthenticator.Remember(context, user);
            var attributes = RequestAttributes.From(user, context.Request, path ?? "");
            counted = sim.Requests.Start(context.Request, attributes);
            if (!user.IsMaster)
            {
                RbacAuthorizer.Require(sim, attributes);
            }
            await RouteAsync(context, sim, path ?? "");
        }
        catch (ApiException error) when (!context.Response.HasStarted)
        {
            await KubeResponses.Error(context, error);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        finally
        {
            // Counted once authenticated, as kube-apiserver counts requests past its authentication filter.
            if (counted is not null)
            {
                sim?.Requests.Finish(counted, context.Response.StatusCode);
            }
        }
    }

    private static Task ServeOpenApiV2Async(HttpContext context)
    {
        if (context.Request.Headers.Accept.ToString().Contains("protobuf", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = OpenApiV2Document.ProtobufType;
            return context.Response.Body.WriteAsync(OpenApiV2Document.Protobuf, context.RequestAborted).AsTask();
        }
        return KubeResponses.Node(context, 200, OpenApiV2Document.Document());
    }

    private static Task RouteAsync(HttpContext context, SimulatedCluster sim, string path)
    {
        var trimmed = path.Trim('/');
        switch (trimmed)
        {
            case "version":
                return KubeResponses.Node(context, 200, DiscoveryDocuments.Version(sim));
            case "api":
                return KubeResponses.Node(context, 200, DiscoveryDocuments.CoreVersions(context));
            case "apis":
                return KubeResponses.Node(context, 200, DiscoveryDocuments.Groups(sim.Catalog));
            case "openapi/v3":
                return KubeResponses.Node(context, 200, OpenApiDocuments.Index(sim.Catalog));
            case "openapi/v2":
                return ServeOpenApiV2Async(context);
            case "metrics":
                return ApiServerMetrics.Write(sim).WriteAsync(context);
        }
        if (trimmed.StartsWith("openapi/v3/", StringComparison.Ordinal))
        {
            return KubeResponses.Raw(context, 200, OpenApiDocuments.Document(sim.Catalog, trimmed["openapi/v3/".Length..]));
        }
        var segments = trimmed.Split('/');
        if (segments is ["apis", var groupName])
        {
            var group = DiscoveryDocuments.Group(sim.Catalog, groupName) ?? throw ApiException.NoResource();
            return KubeResponses.Node(context, 200, group);
        }
        var apiPath = ApiPath.Parse(trimmed) ?? throw ApiException.NoResource();
        if (apiPath.Resource is null)
        {
            var list = DiscoveryDocuments.Resources(sim.Catalog, apiPath.Group, apiPath.Version) ?? throw ApiException.NoResource();
            return KubeResponses.Node(context, 200, list);
        }
        if (sim.Catalog.Find(apiPath.Group, apiPath.Version, apiPath.Resource) is { Virtual: true } review)
        {
            return ReviewHandler.HandleAsync(context, sim, review, apiPath);
        }
        if (apiPath is { Group: "", Version: "v1", Subresource: "proxy" })
        {
            return apiPath.Resource switch
            {
                "nodes" when apiPath.Namespace is null => NodeProxy.HandleAsync(context, sim, apiPath),
                "services" when apiPath.Namespace is not null => ServiceProxy.HandleAsync(context, sim, apiPath),
                _ => throw ApiException.NoResource(),
            };
        }
        if (apiPath.Group == "metrics.k8s.io")
        {
            return MetricsHandler.HandleAsync(context, sim, apiPath);
        }
        var type = sim.Catalog.Find(apiPath.Group, apiPath.Version, apiPath.Resource) ?? throw ApiException.NoResource();
        if ((!type.Namespaced && apiPath.Namespace is not null) || (type.Namespaced && apiPath.Namespace is null && apiPath.Name is not null))
        {
            throw ApiException.NoResource();
        }
        return ResourceHandler.HandleAsync(context, sim, type, apiPath);
    }
}
