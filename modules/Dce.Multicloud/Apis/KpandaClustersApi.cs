using System.Text.Json.Nodes;
using Dce.Multicloud.Access;
using Dce.Multicloud.Apis.Objects;
using Dce.Multicloud.Infrastructure;
using Dce.Multicloud.Model;
using Dce.ServiceDefaults.Api;
using Microsoft.EntityFrameworkCore;
using Dce.Platform.Contracts.DceApi;

namespace Dce.Multicloud.Apis;

/// <summary>The clusters of Container Management an instance may take as members (learnt from its events); never their credentials.</summary>
internal static class KpandaClustersApi
{
    public static IEndpointRouteBuilder MapKpandaClustersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{KairshipPaths.Root}/kpanda-clusters", ListAsync).WithTags("Member clusters").WithName("ListKpandaClusters")
            .WithSummary("Lists the clusters of Container Management that can be joined to an instance.");
        return app;
    }

    private static async Task<IResult> ListAsync(InstanceAccess access, MulticloudDbContext db, [AsParameters] KairshipListQuery query, CancellationToken cancellationToken)
    {
        var list = query.ToListQuery();
        if (list.ValidationProblem(ObjectFields.Sorting) is { } invalid)
        {
            return invalid;
        }

        if (!await access.OnPlatformAsync("list", "clusters", cancellationToken))
        {
            return TypedResults.Problem("Listing the clusters an instance may take needs a platform grant of kairship clusters list.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        var clusters = await db.Clusters.AsNoTracking().Where(c => c.Phase != KnownCluster.Removed).ToListAsync(cancellationToken);
        var items = clusters.Select(c => new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = c.Name },
            ["spec"] = new JsonObject { ["provider"] = c.Provider, ["region"] = c.Region },
            ["status"] = new JsonObject { ["phase"] = c.Phase },
        });
        return DceJson.Of(items.ToPage(list, ObjectFields.Sorting));
    }
}
