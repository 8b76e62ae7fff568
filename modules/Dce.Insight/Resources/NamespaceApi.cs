using System.Text.Json.Nodes;
using Dce.Insight.Apis;
using Dce.Insight.Metrics;
using Microsoft.AspNetCore.Mvc;

namespace Dce.Insight.Resources;

/// <summary>DCE's <c>Resource_GetNamespace</c>: one namespace the caller may read, with its workloads and pods counted total and ready.</summary>
internal static class NamespaceApi
{
    private static readonly (string Field, string Total, string Ready)[] Counts =
    [
        ("deploymentNumSummary", "count(kube_deployment_spec_replicas)", "count(kube_deployment_status_replicas_available >= kube_deployment_spec_replicas)"),
        ("statefulsetNumSummary", "count(kube_statefulset_replicas)", "count(kube_statefulset_status_replicas_ready >= kube_statefulset_replicas)"),
        ("daemonsetNumSummary", "count(kube_daemonset_status_desired_number_scheduled)", "count(kube_daemonset_status_number_ready >= kube_daemonset_status_desired_number_scheduled)"),
        ("podNumSummary", "count(count by (pod) (kube_pod_info))", "count(kube_pod_status_phase{phase=\"Running\"} == 1)"),
    ];

    public static IEndpointRouteBuilder MapNamespaceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(InsightPaths.Group + "/clusters/{cluster}/namespaces/{name}", GetAsync).WithTags("Resource").WithName("Resource_GetNamespace")
            .WithSummary("Reads one namespace with its workloads and pods counted");
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext http, [FromServices] MetricsStore store, string cluster, string name)
    {
        if (ResourcesApi.Invalid(("cluster", cluster), ("name", name)) is { } invalid)
        {
            return invalid;
        }

        var (problem, phases) = await ScopedQuery.VectorAsync(http, store, "kube_namespace_status_phase == 1", cluster, name);
        if (problem is not null)
        {
            return problem;
        }

        if (phases.FirstOrDefault() is not { } phase)
        {
            return TypedResults.Problem($"No namespace '{name}' in cluster '{cluster}' that you may read was seen by the last scrapes.",
                statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var detail = new JsonObject { ["name"] = name, ["cluster"] = cluster, ["phase"] = phase.Label("phase") };
        foreach (var (field, total, ready) in Counts)
        {
            var answers = await Task.WhenAll(ScopedQuery.VectorAsync(http, store, total, cluster, name), ScopedQuery.VectorAsync(http, store, ready, cluster, name));
            if (answers.Select(answer => answer.Problem).FirstOrDefault(p => p is not null) is { } failed)
            {
                return failed;
            }

            detail[field] = new Counted(Sum(answers[0].Samples), Sum(answers[1].Samples)).ToJson();
        }

        return TypedResults.Ok(detail);
    }

    private static int Sum(IEnumerable<Sample> samples) => (int)samples.Sum(sample => double.IsNaN(sample.Value) ? 0 : sample.Value);
}
