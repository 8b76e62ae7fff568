using System.Text.Json.Nodes;
using Dce.Insight.Infrastructure;
using Dce.Insight.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dce.Insight.Apis;

/// <summary>
/// DCE's <c>clusters</c>: the clusters Insight observes that the caller's workspaces reach, with the phase Container
/// Management reported and whether the caller holds the whole cluster (<c>ClusterScoped</c>) or namespaces of it.
/// </summary>
internal static class ClustersApi
{
    public static IEndpointRouteBuilder MapClustersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(InsightPaths.Group + "/clusters", ListAsync).WithTags("Resource").WithName("Resource_ListClusters")
            .WithSummary("Lists the observed clusters the caller may read");
        return app;
    }

    // showAllCluster: every cluster Insight follows is scraped (no agent to install), so both answers are the same list.
    private static async Task<IResult> ListAsync(HttpContext http, [FromServices] InsightDbContext db, bool? showAllCluster)
    {
        if (await CallerScope.ResolveAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        var clusters = await db.Clusters.AsNoTracking().OrderBy(cluster => cluster.Name).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(new JsonObject
        {
            ["items"] = new JsonArray([.. clusters.Where(cluster => scope.TouchesCluster(cluster.Name)).Select(cluster => new JsonObject
            {
                ["name"] = cluster.Name,
                ["phase"] = Phase(cluster.Phase),
                ["accessScope"] = scope.CoversCluster(cluster.Name) ? "ClusterScoped" : "Namespaced",
            })]),
        });
    }

    private static string Phase(string phase) => phase switch
    {
        ClusterPhases.Running => "RUNNING",
        "Failed" => "FAILED",
        _ => "UNKNOWN",
    };
}
