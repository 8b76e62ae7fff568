using System.Text.Json.Nodes;
using Dce.Insight.Apis;
using Dce.Insight.Infrastructure;
using Dce.Insight.Metrics;
using Dce.Insight.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dce.Insight.Resources;

/// <summary>
/// DCE's <c>clustersummary</c> and <c>clusters/{name}</c>: the observed clusters the caller's workspaces reach with their
/// nodes (and for one cluster its workloads and pods) counted from the last scrapes.
/// </summary>
internal static class ClusterSummaryApi
{
    public static IEndpointRouteBuilder MapClusterSummaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(InsightPaths.Group + "/clustersummary", ListAsync).WithTags("Resource").WithName("Resource_ListClusterSummary")
            .WithSummary("Lists the observed clusters with their nodes counted");
        app.MapGet(InsightPaths.Group + "/clusters/{name}", GetAsync).WithTags("Resource").WithName("Resource_GetCluster")
            .WithSummary("Reads one observed cluster with its nodes, workloads and pods counted");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, [FromServices] InsightDbContext db, [FromServices] MetricsStore store,
        string? name, string? phase, int? page, int? pageSize)
    {
        if (await CallerScope.ResolveAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        var clusters = (await db.Clusters.AsNoTracking().OrderBy(cluster => cluster.Name).ToListAsync(http.RequestAborted))
            .Where(cluster => scope.TouchesCluster(cluster.Name) && (string.IsNullOrEmpty(name) || cluster.Name.Contains(name, StringComparison.Ordinal)))
            .Where(cluster => ResourceJson.PhaseMatches(Phase(cluster), phase))
            .ToList();
        var (problem, nodes) = await CountAsync(http, store, null, "count by (cluster) (kube_node_info)", "count by (cluster) (" + KubeStateQueries.ReadyNodes + ")");
        return problem ?? TypedResults.Ok(Page.Of(page, pageSize).Answer(clusters, cluster => new JsonObject
        {
            ["name"] = cluster.Name,
            ["phase"] = Phase(cluster),
            ["nodeNumSummary"] = Count(nodes, cluster.Name).ToJson(),
            ["role"] = scope.CoversCluster(cluster.Name) ? "ROLE_ADMIN" : "ROLE_VIEWER",
            ["accessScope"] = scope.CoversCluster(cluster.Name) ? "ClusterScoped" : "Namespaced",
        }));
    }

    private static async Task<IResult> GetAsync(HttpContext http, [FromServices] InsightDbContext db, [FromServices] MetricsStore store, string name)
    {
        if (ResourcesApi.Invalid(("name", name)) is { } invalid)
        {
            return invalid;
        }

        if (await CallerScope.ResolveAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        if (!scope.TouchesCluster(name) || await db.Clusters.AsNoTracking().FirstOrDefaultAsync(cluster => cluster.Name == name, http.RequestAborted) is not { } cluster)
        {
            return TypedResults.Problem($"Insight observes no cluster '{name}' that you may read.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var counts = new[]
        {
            ("nodeNumSummary", "count(kube_node_info)", "count(" + KubeStateQueries.ReadyNodes + ")"),
            ("deploymentNumSummary", "count(kube_deployment_spec_replicas)", "count(kube_deployment_status_replicas_available >= kube_deployment_spec_replicas)"),
            ("statefulsetNumSummary", "count(kube_statefulset_replicas)", "count(kube_statefulset_status_replicas_ready >= kube_statefulset_replicas)"),
            ("daemonsetNumSummary", "count(kube_daemonset_status_desired_number_scheduled)", "count(kube_daemonset_status_number_ready >= kube_daemonset_status_desired_number_scheduled)"),
            ("podNumSummary", "count(count by (namespace, pod) (kube_pod_info))", "count(kube_pod_status_phase{phase=\"Running\"} == 1)"),
        };
        var detail = new JsonObject
        {
            ["name"] = cluster.Name,
            ["phase"] = Phase(cluster),
            ["provider"] = Provider(cluster.Provider),
        };
        foreach (var (field, total, ready) in counts)
        {
            var (problem, found) = await CountAsync(http, store, cluster.Name, total, ready);
            if (problem is not null)
            {
                return problem;
            }

            detail[field] = new Counted(Total(found[0]), Total(found[1])).ToJson();
        }

        return TypedResults.Ok(detail);
    }

    private static async Task<(IResult? Problem, IReadOnlyList<Sample>[] Found)> CountAsync(HttpContext http, MetricsStore store, string? cluster, params string[] queries)
    {
        var answers = await Task.WhenAll(queries.Select(query => ScopedQuery.VectorAsync(http, store, query, cluster)));
        return (answers.Select(answer => answer.Problem).FirstOrDefault(problem => problem is not null), [.. answers.Select(answer => answer.Samples)]);
    }

    private static Counted Count(IReadOnlyList<Sample>[] found, string cluster) =>
        new(Total(found[0].Where(sample => sample.Label("cluster") == cluster)), Total(found[1].Where(sample => sample.Label("cluster") == cluster)));

    private static int Total(IEnumerable<Sample> samples) => (int)samples.Sum(sample => double.IsNaN(sample.Value) ? 0 : sample.Value);

    /// <summary>DCE's <c>ClusterProvider</c> for the provider Container Management names; GENERIC for any other.</summary>
    private static string Provider(string provider) => provider.ToLowerInvariant() switch
    {
        "aws" or "eks" => "AWS_EKS",
        "aliyun" or "ack" => "ALIYUN_ACK",
        "tencent" or "tke" => "TENCENT_TKE",
        "huawei" or "cce" => "HUAWEI_CCE",
        "azure" or "aks" => "MICROSOFT_AZURE",
        "openshift" => "REDHAT_OPENSHIFT4",
        "rancher" => "SUSE_RANCHER",
        "tanzu" => "VMWARE_TANZU",
        "kubespray" or "daocloud" => "DAOCLOUD_KUBESPRAY",
        _ => "GENERIC",
    };

    private static string Phase(KnownCluster cluster) => cluster.Phase switch
    {
        ClusterPhases.Running => "RUNNING",
        "Failed" => "FAILED",
        _ => "UNKNOWN",
    };
}
