using Dce.Kubernetes.Resources;
using System.Text.Json.Nodes;

namespace Dce.Multicloud.Propagation.Templates;

/// <summary>The kinds of resource template the detector propagates, and where each keeps its replicas.</summary>
public static class TemplateKinds
{
    public static readonly ResourceKind Deployment = new("apps", "v1", "deployments", "Deployment");
    public static readonly ResourceKind StatefulSet = new("apps", "v1", "statefulsets", "StatefulSet");
    public static readonly ResourceKind Job = new("batch", "v1", "jobs", "Job");
    public static readonly ResourceKind CronJob = new("batch", "v1", "cronjobs", "CronJob");
    public static readonly ResourceKind ConfigMap = new("", "v1", "configmaps", "ConfigMap");
    public static readonly ResourceKind Secret = new("", "v1", "secrets", "Secret");
    public static readonly ResourceKind Service = new("", "v1", "services", "Service");
    public static readonly ResourceKind Ingress = new("networking.k8s.io", "v1", "ingresses", "Ingress");

    public static IReadOnlyList<ResourceKind> All { get; } = [Deployment, StatefulSet, Job, CronJob, ConfigMap, Secret, Service, Ingress];

    public static ResourceKind? Find(string apiVersion, string kind) =>
        All.FirstOrDefault(candidate => candidate.ApiVersion == apiVersion && candidate.Kind == kind);

    public static ResourceKind? FindByKind(string kind) => All.FirstOrDefault(candidate => candidate.Kind == kind);

    /// <summary>The replicas the scheduler divides: Deployment/StatefulSet <c>spec.replicas</c> (absent is 1), Job <c>spec.parallelism</c>; 0 for the others.</summary>
    public static int ReplicasOf(JsonObject template) => template["kind"]?.GetValue<string>() switch
    {
        "Deployment" or "StatefulSet" => template["spec"]?["replicas"]?.GetValue<int>() ?? 1,
        "Job" => template["spec"]?["parallelism"]?.GetValue<int>() ?? 1,
        _ => 0,
    };

    /// <summary>Writes one cluster's share of the replicas into its manifest.</summary>
    public static void SetReplicas(JsonObject manifest, int replicas)
    {
        var field = manifest["kind"]?.GetValue<string>() switch
        {
            "Deployment" or "StatefulSet" => "replicas",
            "Job" => "parallelism",
            _ => null,
        };
        if (field is not null && manifest["spec"] is JsonObject spec)
        {
            spec[field] = replicas;
        }
    }

    /// <summary>Whether the kind divides replicas among clusters.</summary>
    public static bool IsWorkload(string kind) => kind is "Deployment" or "StatefulSet" or "Job";
}
