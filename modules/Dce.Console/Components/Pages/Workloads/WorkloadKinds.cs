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

    /// <summary>Ready of desired in a list answer (DCE's shape, which keeps fewer figures than the cluster's object).</summary>
    public (int Ready, int Desired) Readiness(JsonElement workload)
    {
        var (spec, status) = (workload.Prop("spec"), workload.Prop("status"));
        return Segment switch
        {
            "deployments" => (status.Int("readyReplicas"), status.Int("replicas")),
            "statefulsets" => (status.Int("readyReplicas"), spec.Int("replicas")),
            "daemonsets" => (status.Int("numberAvailable"), status.Int("desiredNumberScheduled")),
            "jobs" => (status.Int("succeed"), Math.Max(1, status.Int("succeed") + status.Int("active") + status.Int("failed"))),
            _ => (0, 0),
        };
    }

    /// <summary>DCE's one-word state: <c>status.state</c>, or <c>status.phase</c> for Jobs and CronJobs.</summary>
    public static string State(JsonElement workload) =>
        workload.Prop("status").Text("state") is { Length: > 0 } state ? state : workload.Prop("status").Text("phase");

    /// <summary>The images of a list answer's workload (DCE lists a CronJob's beside it).</summary>
    public IEnumerable<string> Images(JsonElement workload) => Segment == "cronjobs"
        ? workload.Items("images").Select(i => i.GetString() ?? "")
        : TemplateImages(workload);

    /// <summary>The images of the pod template of the object as the cluster holds it.</summary>
    public IEnumerable<string> TemplateImages(JsonElement workload)
    {
        var template = Segment == "cronjobs"
            ? workload.Prop("spec").Prop("jobTemplate").Prop("spec").Prop("template")
            : workload.Prop("spec").Prop("template");
        return template.Prop("spec").Items("containers").Select(c => c.Text("image"));
    }

    /// <summary>Paused rollouts (Deployment) or schedules (CronJob) of the object as the cluster holds it.</summary>
    public static bool Paused(JsonElement workload) =>
        workload.Prop("spec").Prop("paused").ValueKind == JsonValueKind.True || workload.Prop("spec").Prop("suspend").ValueKind == JsonValueKind.True;

    /// <summary>What changes with every new revision of the object as the cluster holds it (the revisions are read again then).</summary>
    public static string RevisionMark(JsonElement workload) =>
        workload.Prop("metadata").Prop("annotations").Text("deployment.kubernetes.io/revision") is { Length: > 0 } revision ? revision
        : workload.Prop("status").Text("updateRevision") is { Length: > 0 } update ? update
        : workload.Prop("metadata").Int("generation").ToString(System.Globalization.CultureInfo.InvariantCulture);
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
