using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Infrastructure;
using Dce.ContainerManagement.Kubernetes.Rbac;
using Microsoft.EntityFrameworkCore;

namespace Dce.ContainerManagement.Apis.Rbac;

/// <summary>The caller's own DCE roles on clusters and namespaces, as Global Management grants them.</summary>
internal static class RoleSummaryHandlers
{
    public static async Task<IResult> RoleSummaryAsync(string? cluster, string? @namespace, HttpContext http, ContainerManagementDbContext db, CancellationToken cancellationToken)
    {
        var names = await db.Clusters.Select(c => c.Name).Where(n => string.IsNullOrEmpty(cluster) || n == cluster).ToListAsync(cancellationToken);
        var items = new JsonObject();
        foreach (var (name, grants) in await UserAccess.GrantsAsync(http, names.Order(StringComparer.Ordinal)))
        {
            var roles = new JsonObject();
            foreach (var grant in grants.Where(g => g.Namespace is not null && (string.IsNullOrEmpty(@namespace) || g.Namespace == @namespace)))
            {
                roles[grant.Namespace!] = new JsonObject { ["names"] = new JsonArray(grant.Level.DceRole()) };
            }

            var whole = grants.Where(g => g.Namespace is null).Select(g => (JsonNode)g.Level.DceRole()).ToArray();
            items[name] = new JsonObject { ["clusterRoles"] = new JsonArray(whole), ["roles"] = roles };
        }

        return DceJson.Ok(new JsonObject { ["items"] = items });
    }

    public static async Task<IResult> GlobalRolesAsync(HttpContext http, ContainerManagementDbContext db, CancellationToken cancellationToken)
    {
        var names = await db.Clusters.Select(c => c.Name).ToListAsync(cancellationToken);
        var held = (await UserAccess.GrantsAsync(http, names)).Values.SelectMany(g => g).Select(g => g.Level).Distinct().OrderDescending();
        return DceJson.Ok(new JsonObject { ["roles"] = new JsonArray([.. held.Select(l => (JsonNode)l.DceRole())]) });
    }
}
