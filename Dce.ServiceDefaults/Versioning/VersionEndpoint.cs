using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dce.ServiceDefaults.Versioning;

/// <summary>
/// <c>GET /version</c>: the module's build, so an operator (or a test) watching a rolling upgrade sees each replica's
/// version change. Behind the same authentication as the module's APIs; left out of the OpenAPI document like the probes.
/// </summary>
public static class VersionEndpoint
{
    public const string Path = "/version";

    public static IEndpointRouteBuilder MapVersionEndpoint(this IEndpointRouteBuilder routes)
    {
        var version = BuildVersion.OfApplication(routes.ServiceProvider.GetRequiredService<IHostEnvironment>().ApplicationName);
        routes.MapGet(Path, () => TypedResults.Ok(version)).ExcludeFromDescription();
        return routes;
    }
}
