using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Workloads;

/// <summary>A workload kind as the pages show it: its path segment, name, and which actions its API serves.</summary>
public sealed record WorkloadKind(string Segment, string Name, string Plural, bool Scales, bool Restarts, bool Pauses, bool RollsBack)
{
    public string DetailLink(string cluster, string ns, string name) =>
        $"/workloads/{Uri.EscapeDataString(cluster)}/{Uri.EscapeDataString(ns)}/{Segment}/{Uri.EscapeDataString(name)}";

    /// <summary>The API path of one workload of this kind (or, without a name, of the namespace's collection).</summary>
    public string ApiPath(string cluster, string ns, string? name = null) =>
        $"/apis/kpanda.io/v1alpha1/clusters/{Uri.EscapeDataString(cluster)}/namespaces/{Uri.EscapeDataString(ns)}/{Segment}{(name is null ? "" : "/" + Uri.EscapeDataString(name))}";

    /// <summary>Ready of desired, as <c>kubectl get</c> shows it for the kind.</summary>
    public (int Ready, int Desired) Readiness(JsonElement workload)
    {
        var (spec, status) = (workload.Prop("spec"), workload.Prop("status"));
        return Segment switch
        {
            "daemonsets" => (status.Int("numberReady"), status.Int("desiredNumberScheduled")),
            "jobs" => (status.Int("succeeded"), Math.Max(spec.Int("completions"), 1)),
            "cronjobs" => (status.Prop("active").Items().Count(), 0),
            _ => (status.Int("readyReplicas"), spec.Int("replicas")),
        };
    }

    /// <summary>DCE's one-word state: <c>status.state</c>, or <c>status.phase</c> for Jobs and CronJobs.</summary>
    public static string State(JsonElement workload) =>
        workload.Prop("status").Text("state") is { Length: > 0 } state ? state : workload.Prop("status").Text("phase");

    /// <summary>The images of the pod template (a CronJob's are one level deeper).</summary>
    public IEnumerable<string> Images(JsonElement workload)
    {
        var template = Segment == "cronjobs"
            ? workload.Prop("spec").Prop("jobTemplate").Prop("spec").Prop("template")
            : workload.Prop("spec").Prop("template");
        return template.Prop("spec").Items("containers").Select(c => c.Text("image"));
    }
}

/// <summary>The five kinds the workload pages serve.</summary>
public static class WorkloadKinds
{
    public static readonly IReadOnlyList<WorkloadKind> All =
    [
        new("deployments", "Deployment", "Deployments", Scales: true, Restarts: true, Pauses: true, RollsBack: true),
        new("statefulsets", "StatefulSet", "StatefulSets", Scales: true, Restarts: true, Pauses: false, RollsBack: true),
        new("daemonsets", "DaemonSet", "DaemonSets", Scales: false, Restarts: true, Pauses: false, RollsBack: true),
        new("jobs", "Job", "Jobs", Scales: false, Restarts: true, Pauses: false, RollsBack: false),
        new("cronjobs", "CronJob", "CronJobs", Scales: false, Restarts: false, Pauses: true, RollsBack: false),
    ];

    public static WorkloadKind Of(string? segment) => All.FirstOrDefault(k => k.Segment == segment) ?? All[0];
}
