using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Multicloud;

/// <summary>
/// A workload template in an instance's control plane, in DCE's shape, with the status Karmada sums over the members it
/// runs in: ready of all replicas for a Deployment (DCE keeps the count in <c>status.replicas</c>, not the spec), the
/// succeeded runs of a Job, the schedule's state for a CronJob.
/// </summary>
public sealed record MulticloudWorkload(string Kind, string Namespace, string Name, int Ready, int Desired, string State)
{
    /// <summary>The workload kinds the kairship API serves, by their path segment.</summary>
    public static readonly IReadOnlyList<(string Segment, string Kind)> Kinds = [("deployments", "Deployment"), ("jobs", "Job"), ("cronjobs", "CronJob")];

    public bool Healthy => State is "Running" or "Completed" or "Scheduled";

    public string Readiness => Kind switch
    {
        "Deployment" => $"{Ready}/{Desired}",
        "Job" => $"{Ready} succeeded",
        _ => "—",
    };

    public static MulticloudWorkload Of(string kind, JsonElement item)
    {
        var metadata = item.Prop("metadata");
        var status = item.Prop("status");
        var (ready, desired, state) = kind switch
        {
            "Job" => JobState(status),
            "CronJob" => (0, 0, item.Prop("spec").Text("paused") == "true" || item.Prop("spec").Text("suspend") == "true" ? "Paused" : "Scheduled"),
            _ => DeploymentState(status),
        };
        return new MulticloudWorkload(kind, metadata.Text("namespace"), metadata.Text("name"), ready, desired, state);
    }

    /// <summary>Ready and all replicas of a Deployment's status, the template's (summed over members) or a member's copy's.</summary>
    public static (int Ready, int Desired) Replicas(JsonElement deployment) =>
        (deployment.Prop("status").Int("readyReplicas"), deployment.Prop("status").Int("replicas"));

    private static (int, int, string) DeploymentState(JsonElement status)
    {
        var (ready, desired) = (status.Int("readyReplicas"), status.Int("replicas"));
        return (ready, desired, desired > 0 && ready >= desired ? "Running" : "Waiting");
    }

    private static (int, int, string) JobState(JsonElement status)
    {
        var succeeded = Math.Max(status.Int("succeed"), status.Int("succeeded"));
        var state = status.Int("active") > 0 ? "Running" : status.Int("failed") > 0 ? "Failed" : succeeded > 0 ? "Completed" : "Waiting";
        return (succeeded, 0, state);
    }
}
