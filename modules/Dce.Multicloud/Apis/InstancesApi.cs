using System.Text.Json.Nodes;
using Dce.Multicloud.Access;
using Dce.Multicloud.Apis.Objects;
using Dce.Multicloud.Instances;
using Dce.ServiceDefaults.Api;
using Dce.Platform.Contracts.DceApi;

namespace Dce.Multicloud.Apis;

/// <summary>The multicloud instances (Karmada control planes) the caller may see: all with a platform grant, else those bound to their workspaces.</summary>
internal static class InstancesApi
{
    private static readonly ListSorting<JsonObject> Sorting = new("name", item => ObjectFields.Name(item), item => ObjectFields.Name(item));

    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var instances = app.MapGroup($"{KairshipPaths.Root}/instances").WithTags("Instances");
        instances.MapGet("", ListAsync).WithName("ListInstances").WithSummary("Lists the instances the caller may see.");
        instances.MapGet("/{name}", GetAsync).WithName("GetInstance").WithSummary("An instance.").RequireInstanceAccess("get", "instances", Reach.Anywhere);
        instances.MapGet("/{name}/json", GetJsonAsync).WithName("GetInstanceJSON").WithSummary("An instance as JSON text in data.")
            .RequireInstanceAccess("get", "instances", Reach.Anywhere);
        return app;
    }

    private static async Task<IResult> ListAsync(ControlPlanes planes, InstanceAccess access, [AsParameters] KairshipListQuery query, CancellationToken cancellationToken)
    {
        var list = query.ToListQuery();
        if (list.ValidationProblem(Sorting) is { } invalid)
        {
            return invalid;
        }

        var visible = new List<JsonObject>();
        foreach (var settings in planes.All)
        {
            if (!(await access.ScopeAsync("list", "instances", settings.Name, cancellationToken)).IsEmpty)
            {
                visible.Add(await InstanceView.OfAsync(planes, settings, cancellationToken));
            }
        }

        return DceJson.Of(visible.ToPage(list, Sorting));
    }

    private static async Task<IResult> GetAsync(ControlPlanes planes, string name, CancellationToken cancellationToken) =>
        DceJson.Ok(await InstanceView.OfAsync(planes, planes.Settings(name)!, cancellationToken));

    private static async Task<IResult> GetJsonAsync(ControlPlanes planes, string name, CancellationToken cancellationToken) =>
        DceJson.Ok(DataBody.Of(await InstanceView.OfAsync(planes, planes.Settings(name)!, cancellationToken)));
}
