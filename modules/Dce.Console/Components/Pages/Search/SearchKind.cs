using Dce.Console.Components.Pages.Resources;
using Dce.Console.Components.Pages.Workloads;

namespace Dce.Console.Components.Pages.Search;

/// <summary>A kind Cluster Search indexes: its path under Clusterpedia's resources API, and where an object of it opens in the console.</summary>
public sealed record SearchKind(string Key, string Title, string ApiPath, string Opens)
{
    private const string Workload = "workload";
    private const string Pod = "pod";
    private const string Node = "node";
    private const string Namespace = "namespace";

    public static IReadOnlyList<SearchKind> All { get; } =
    [
        new("deployments", "Deployments", "apis/apps/v1/deployments", Workload),
        new("statefulsets", "StatefulSets", "apis/apps/v1/statefulsets", Workload),
        new("daemonsets", "DaemonSets", "apis/apps/v1/daemonsets", Workload),
        new("jobs", "Jobs", "apis/batch/v1/jobs", Workload),
        new("cronjobs", "CronJobs", "apis/batch/v1/cronjobs", Workload),
        new("pods", "Pods", "api/v1/pods", Pod),
        new("replicasets", "ReplicaSets", "apis/apps/v1/replicasets", "replicasets"),
        new("services", "Services", "api/v1/services", "services"),
        new("ingresses", "Ingresses", "apis/networking.k8s.io/v1/ingresses", "ingresses"),
        new("configmaps", "ConfigMaps", "api/v1/configmaps", "configmaps"),
        new("secrets", "Secrets", "api/v1/secrets", "secrets"),
        new("persistentvolumeclaims", "Persistent volume claims", "api/v1/persistentvolumeclaims", "persistentvolumeclaims"),
        new("namespaces", "Namespaces", "api/v1/namespaces", Namespace),
        new("nodes", "Nodes", "api/v1/nodes", Node),
    ];

    /// <summary>The console page of one object found in <paramref name="cluster"/>.</summary>
    public string Href(string cluster, string ns, string name)
    {
        var (c, n, o) = (Uri.EscapeDataString(cluster), Uri.EscapeDataString(ns), Uri.EscapeDataString(name));
        return Opens switch
        {
            Workload => WorkloadKinds.Of(Key).DetailLink(cluster, ns, name),
            Pod => $"/pods/{c}/{n}/{o}",
            Node => $"/nodes/{c}/{o}",
            Namespace => $"/namespaces/{c}/{o}",
            _ => ResourceKinds.Find(Opens)!.DetailHref(cluster, ns, name),
        };
    }
}
