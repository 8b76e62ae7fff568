using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dce.Insight.Apis;
using Dce.Insight.Metrics;
using Microsoft.AspNetCore.Mvc;

namespace Dce.Insight.Resources;

/// <summary>
/// DCE's resource endpoints: a cluster's nodes, namespaces, Deployments, StatefulSets, DaemonSets and pods as Insight's
/// scrapes saw them, each list filtered by name and phase and paged, within the caller's scope.
/// </summary>
internal static partial class ResourcesApi
{
    private const string Cluster = InsightPaths.Group + "/clusters/{cluster}";

    public static IEndpointRouteBuilder MapResourcesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Cluster).WithTags("Resource");
        group.MapGet("/nodes", ListNodesAsync).WithName("Resource_ListNodes").WithSummary("Lists the cluster's nodes with their pods");
        group.MapGet("/nodes/{name}", GetNodeAsync).WithName("Resource_GetNode").WithSummary("Reads one node");
        group.MapGet("/namespaces", ListNamespacesAsync).WithName("Resource_ListNamespaces").WithSummary("Lists the namespaces the caller may read");
        group.MapGet("/pods", ListPodsAsync).WithName("Resource_ListPods").WithSummary("Lists pods with their usage");
        group.MapGet("/namespaces/{namespace}/pods/{name}", GetPodAsync).WithName("Resource_GetPod").WithSummary("Reads one pod");
        foreach (var (kind, plural, singular) in new[]
        {
            (WorkloadKind.Deployment, "deployments", "Deployment"),
            (WorkloadKind.StatefulSet, "statefulsets", "Statefulset"),
            (WorkloadKind.DaemonSet, "daemonsets", "Daemonset"),
        })
        {
            group.MapGet($"/{plural}", (HttpContext http, [FromServices] MetricsStore store, string cluster, string? @namespace, string? name, string? phase, int? page, int? pageSize) =>
                    ListWorkloadsAsync(http, store, kind, cluster, @namespace, name, phase, page, pageSize))
                .WithName($"Resource_List{singular}s").WithSummary($"Lists the cluster's {plural} with their ready pods");
            group.MapGet($"/namespaces/{{namespace}}/{plural}/{{name}}", (HttpContext http, [FromServices] MetricsStore store, string cluster, string @namespace, string name) =>
                    GetWorkloadAsync(http, store, kind, cluster, @namespace, name))
                .WithName($"Resource_Get{singular}").WithSummary($"Reads one of the cluster's {plural}");
            group.MapGet($"/namespaces/{{namespace}}/{plural}/{{name}}/pods", (HttpContext http, [FromServices] MetricsStore store, string cluster, string @namespace, string name, int? page, int? pageSize) =>
                    WorkloadPodsAsync(http, store, kind, cluster, @namespace, name, page, pageSize))
                .WithName($"Resource_Get{singular}Pods").WithSummary($"Lists the pods of one of the cluster's {plural}");
        }

        return app;
    }

    private static async Task<IResult> ListNodesAsync(HttpContext http, [FromServices] MetricsStore store, string cluster, string? name, string? phase, int? page, int? pageSize)
    {
        if (Invalid(("cluster", cluster)) is { } invalid)
        {
            return invalid;
        }

        var (problem, nodes) = await new ClusterObjects(http, store, cluster).NodesAsync();
        return problem ?? TypedResults.Ok(Page.Of(page, pageSize).Answer(
            [.. nodes.Select(ResourceJson.NodeSummary).Where(node => Matches(node, name, phase))], node => node));
    }

    private static async Task<IResult> GetNodeAsync(HttpContext http, [FromServices] MetricsStore store, string cluster, string name)
    {
        if (Invalid(("cluster", cluster), ("name", name)) is { } invalid)
        {
            return invalid;
        }

        var (problem, nodes) = await new ClusterObjects(http, store, cluster).NodesAsync();
        return problem ?? (nodes.FirstOrDefault(node => node.Name == name) is { } found
            ? TypedResults.Ok(ResourceJson.Node(cluster, found))
            : NotFound("node", name, cluster));
    }

    private static async Task<IResult> ListNamespacesAsync(HttpContext http, [FromServices] MetricsStore store, string cluster)
    {
        if (Invalid(("cluster", cluster)) is { } invalid)
        {
            return invalid;
        }

        var (problem, names) = await new ClusterObjects(http, store, cluster).NamespacesAsync();
        return problem ?? TypedResults.Ok(new JsonObject
        {
            ["namespaces"] = new JsonArray([.. names.Select(ns => new JsonObject { ["name"] = ns, ["role"] = "ROLE_VIEWER" })]),
        });
    }

    private static async Task<IResult> ListPodsAsync(HttpContext http, [FromServices] MetricsStore store, string cluster, string? @namespace, string? name, string? phase, int? page, int? pageSize)
    {
        if (Invalid(("cluster", cluster), ("namespace", @namespace)) is { } invalid)
        {
            return invalid;
        }

        var objects = new ClusterObjects(http, store, cluster);
        var (problem, pods) = await objects.PodsAsync(@namespace);
        return problem ?? await PageOfPodsAsync(objects, @namespace,
            [.. pods.Where(pod => Matches(pod.Name, ResourceJson.PodPhase(pod.Phase), name, phase))], Page.Of(page, pageSize));
    }

    // Usage is read for the page's pods only.
    private static async Task<IResult> PageOfPodsAsync(ClusterObjects objects, string? ns, IReadOnlyList<PodRow> pods, Page page)
    {
        var (problem, shown) = await objects.WithUsageAsync(ns, page.Slice(pods));
        return problem ?? TypedResults.Ok(page.Answer(shown.Select(pod => (JsonNode)ResourceJson.PodSummary(pod)), pods.Count));
    }

    private static async Task<IResult> GetPodAsync(HttpContext http, [FromServices] MetricsStore store, string cluster, string @namespace, string name)
    {
        if (Invalid(("cluster", cluster), ("namespace", @namespace), ("name", name)) is { } invalid)
        {
            return invalid;
        }

        var objects = new ClusterObjects(http, store, cluster);
        var (problem, found) = await objects.PodsAsync(@namespace, $"pod={KubeStateQueries.Quote(name)}");
        if (problem is not null)
        {
            return problem;
        }

        var (usageProblem, pods) = await objects.WithUsageAsync(@namespace, found);
        return usageProblem ?? (pods.FirstOrDefault() is { } pod ? TypedResults.Ok(ResourceJson.Pod(cluster, pod)) : NotFound("pod", $"{@namespace}/{name}", cluster));
    }

    private static async Task<IResult> ListWorkloadsAsync(HttpContext http, MetricsStore store, WorkloadKind kind, string cluster, string? ns, string? name, string? phase, int? page, int? pageSize)
    {
        if (Invalid(("cluster", cluster), ("namespace", ns)) is { } invalid)
        {
            return invalid;
        }

        var (problem, workloads) = await new ClusterObjects(http, store, cluster).WorkloadsAsync(kind, ns);
        return problem ?? TypedResults.Ok(Page.Of(page, pageSize).Answer(
            [.. workloads.Select(ResourceJson.WorkloadSummary).Where(workload => Matches(workload, name, phase))], workload => workload));
    }

    private static async Task<IResult> GetWorkloadAsync(HttpContext http, MetricsStore store, WorkloadKind kind, string cluster, string ns, string name)
    {
        if (Invalid(("cluster", cluster), ("namespace", ns), ("name", name)) is { } invalid)
        {
            return invalid;
        }

        var (problem, workloads) = await new ClusterObjects(http, store, cluster).WorkloadsAsync(kind, ns);
        return problem ?? (workloads.FirstOrDefault(workload => workload.Name == name) is { } found
            ? TypedResults.Ok(ResourceJson.Workload(cluster, found))
            : NotFound(kind.ToString(), $"{ns}/{name}", cluster));
    }

    private static async Task<IResult> WorkloadPodsAsync(HttpContext http, MetricsStore store, WorkloadKind kind, string cluster, string ns, string name, int? page, int? pageSize)
    {
        if (Invalid(("cluster", cluster), ("namespace", ns), ("name", name)) is { } invalid)
        {
            return invalid;
        }

        // A Deployment's pods belong to its ReplicaSets, named after it with a hash: kube-state-metrics names only the direct owner.
        var owner = KubeStateQueries.Workload(kind).OwnerKind;
        var ownerName = kind == WorkloadKind.Deployment ? KubeStateQueries.Literal(name) + "-[a-z0-9]+" : KubeStateQueries.Literal(name);
        var objects = new ClusterObjects(http, store, cluster);
        var (problem, pods) = await objects.PodsAsync(ns, $"created_by_kind={KubeStateQueries.Quote(owner)},created_by_name=~{KubeStateQueries.Quote(ownerName)}");
        return problem ?? await PageOfPodsAsync(objects, ns, pods, Page.Of(page, pageSize));
    }

    private static bool Matches(JsonObject item, string? name, string? phase) =>
        Matches(item["name"]!.GetValue<string>(), (item["phase"] ?? item["nodeStatus"]?["phase"])!.GetValue<string>(), name, phase);

    private static bool Matches(string itemName, string itemPhase, string? name, string? phase) =>
        (string.IsNullOrEmpty(name) || itemName.Contains(name, StringComparison.Ordinal)) && ResourceJson.PhaseMatches(itemPhase, phase);

    private static IResult NotFound(string kind, string name, string cluster) =>
        TypedResults.Problem($"No {kind} '{name}' in cluster '{cluster}' that you may read was seen by the last scrapes.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>The 400 for the first parameter that is not a Kubernetes name (absent ones pass).</summary>
    internal static IResult? Invalid(params (string Parameter, string? Value)[] names) =>
        names.FirstOrDefault(n => n.Value is not null && (n.Value.Length > 253 || !KubernetesName().IsMatch(n.Value))) is { Parameter: not null } bad
            ? Problems.BadRequest(bad.Parameter, $"'{bad.Value}' is not a Kubernetes name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit.")
            : null;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex KubernetesName();
}
