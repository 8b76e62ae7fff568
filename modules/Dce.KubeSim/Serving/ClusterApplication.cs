using Dce.KubeSim.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Dce.KubeSim.Serving;

/// <summary>What a cluster's own listener runs: that cluster's API, with the request path as the API path.</summary>
internal sealed class ClusterApplication(IHttpContextFactory contexts, string cluster) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures) => contexts.Create(contextFeatures);

    public Task ProcessRequestAsync(HttpContext context)
    {
        var path = context.Request.Path.Value?.TrimStart('/');
        return KubeApiEndpoints.ServeClusterAsync(context, cluster, string.IsNullOrEmpty(path) ? null : path);
    }

    public void DisposeContext(HttpContext context, Exception? exception) => contexts.Dispose(context);
}
