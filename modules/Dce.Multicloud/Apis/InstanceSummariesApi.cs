using System.Text.Json.Nodes;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Access;
using Dce.Multicloud.Apis.Objects;
using Dce.Multicloud.Instances;
using Dce.Multicloud.Policies;
using Dce.Platform.Contracts.DceApi;
using Dce.ServiceDefaults.Api;

namespace Dce.Multicloud.Apis;

/// <summary>
/// What DCE's console asks of an instance to write policies: the members' labels and locations (for affinities and spread
/// constraints), the namespaces the caller may use, and the events in the control plane (the engine's reasons).
/// </summary>
internal static class InstanceSummariesApi
{
    private static readonly ResourceKind Namespaces = new("", "v1", "namespaces", "Namespace", Namespaced: false);
    private static readonly ResourceKind Events = new("", "v1", "events", "Event");

    private static readonly ListSorting<JsonObject> EventSorting =
        new ListSorting<JsonObject>("lastTimestamp", item => LastSeen(item), item => InvolvedName(item))
            .By("name", item => InvolvedName(item));

    public static IEndpointRouteBuilder MapInstanceSummariesApi(this IEndpointRouteBuilder app)
    {
        var instance = app.MapGroup(KairshipPaths.Instance).WithTags("Instances");
        instance.MapGet("/clusters-labels", LabelsAsync).WithName("ListClustersLabels").WithSummary("The labels of every member cluster.")
            .RequireInstanceAccess("list", "clusters", Reach.Anywhere);
        instance.MapGet("/clusters-locations", LocationsAsync).WithName("ListClustersLocations").WithSummary("The provider, region and zones of every member cluster.")
            .RequireInstanceAccess("list", "clusters", Reach.Anywhere);
        instance.MapGet("/namespacesummary", NamespaceSummaryAsync).WithName("ListNamespaceSummary").WithSummary("The names of the namespaces the caller may use.")
            .RequireInstanceAccess("list", "namespaces", Reach.Anywhere);
        instance.MapGet("/events", (HttpContext http, ControlPlanes planes, string instance, string? kind, string? type, [AsParameters] KairshipListQuery query,
                CancellationToken cancellationToken) => EventsAsync(http, planes, instance, null, kind, type, query, cancellationToken))
            .WithName("ListInstanceEvents").WithSummary("The control plane's events in the namespaces the caller may see.").RequireInstanceAccess("list", "events", Reach.Anywhere);
        instance.MapGet("/namespaces/{namespace}/events", (HttpContext http, ControlPlanes planes, string instance, string @namespace, string? kind, string? type,
                [AsParameters] KairshipListQuery query, CancellationToken cancellationToken) => EventsAsync(http, planes, instance, @namespace, kind, type, query, cancellationToken))
            .WithName("ListEvents").WithSummary("The control plane's events in a namespace.").RequireInstanceAccess("list", "events", Reach.Namespace);
        instance.MapGet("/events/kinds", EventKindsAsync).WithName("ListInstanceEventKinds").WithSummary("The kinds of object the visible events are about.")
            .RequireInstanceAccess("list", "events", Reach.Anywhere);
        return app;
    }

    private static async Task<IResult> LabelsAsync(ControlPlanes planes, string instance, CancellationToken cancellationToken)
    {
        var members = await MemberClusters.ListAsync(planes.Find(instance)!, cancellationToken);
        return DceJson.Ok(new JsonObject
        {
            ["clusterLabels"] = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject
            {
                ["cluster"] = m.Metadata.Name,
                ["labels"] = new JsonObject(m.Metadata.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
            })]),
        });
    }

    private static async Task<IResult> LocationsAsync(ControlPlanes planes, string instance, CancellationToken cancellationToken)
    {
        var members = await MemberClusters.ListAsync(planes.Find(instance)!, cancellationToken);
        var locations = members.SelectMany(m => (m.Spec.Zones.Count > 0 ? m.Spec.Zones : [m.Spec.Zone ?? ""]).Select(zone => (JsonNode)new JsonObject
        {
            ["cluster"] = m.Metadata.Name,
            ["provider"] = m.Spec.Provider,
            ["region"] = m.Spec.Region,
            ["zone"] = zone,
        }));
        return DceJson.Ok(new JsonObject { ["locations"] = new JsonArray([.. locations]) });
    }

    private static async Task<IResult> NamespaceSummaryAsync(HttpContext http, ControlPlanes planes, string instance, CancellationToken cancellationToken)
    {
        var scope = http.InstanceScope();
        var names = (await ResourceClient.ListAsync(planes.Find(instance)!.Client, Namespaces, null, cancellationToken: cancellationToken))
            .Select(ObjectFields.Name).Where(name => !NamespacesApi.IsKarmadaOwn(name) && scope.Covers(name)).Order(StringComparer.Ordinal);
        return DceJson.Ok(new JsonObject
        {
            ["data"] = new JsonArray([.. names.Select(name => (JsonNode)new JsonObject { ["name"] = name, ["instance"] = instance })]),
            ["accessScope"] = scope.Whole ? "Instance" : "Namespace",
        });
    }

    private static async Task<IResult> EventsAsync(HttpContext http, ControlPlanes planes, string instance, string? ns, string? kind, string? type,
        KairshipListQuery query, CancellationToken cancellationToken)
    {
        var list = query.ToListQuery();
        if (list.ValidationProblem(EventSorting) is { } invalid)
        {
            return invalid;
        }

        var events = await VisibleEventsAsync(http, planes, instance, ns, cancellationToken);
        var matching = events.Where(e => (kind is null || e["involvedObject"]?["kind"]?.GetValue<string>() == kind)
            && (type is null || e["type"]?.GetValue<string>() == type));
        return DceJson.Of(matching.ToPage(list, EventSorting));
    }

    private static async Task<IResult> EventKindsAsync(HttpContext http, ControlPlanes planes, string instance, CancellationToken cancellationToken)
    {
        var kinds = (await VisibleEventsAsync(http, planes, instance, null, cancellationToken))
            .Select(e => e["involvedObject"]?["kind"]?.GetValue<string>()).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return DceJson.Ok(new JsonObject { ["data"] = new JsonArray([.. kinds.Select(k => (JsonNode)k)]) });
    }

    private static async Task<IEnumerable<JsonObject>> VisibleEventsAsync(HttpContext http, ControlPlanes planes, string instance, string? ns, CancellationToken cancellationToken)
    {
        var scope = http.InstanceScope();
        var events = await ResourceClient.ListAsync(planes.Find(instance)!.Client, Events, ns, cancellationToken: cancellationToken);
        return events.Where(e => scope.Covers(ObjectFields.Namespace(e)) && !NamespacesApi.IsKarmadaOwn(ObjectFields.Namespace(e) ?? ""));
    }

    private static string LastSeen(JsonObject item) =>
        item["lastTimestamp"]?.GetValue<string>() ?? item["eventTime"]?.GetValue<string>() ?? ObjectFields.Created(item);

    private static string InvolvedName(JsonObject item) => item["involvedObject"]?["name"]?.GetValue<string>() ?? "";
}
