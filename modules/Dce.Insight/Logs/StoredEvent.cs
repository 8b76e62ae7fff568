using k8s.Models;

namespace Dce.Insight.Logs;

/// <summary>A Kubernetes event as stored: one row per event object, its count and last time raised as it recurs.</summary>
public sealed record StoredEvent(string Cluster, string Uid, string Name, string Namespace, DateTime FirstTime, DateTime LastTime, int Count,
    string? ObjectKind, string? ObjectName, string? Reason, string? Type, string? Message, string? SourceComponent, string? SourceHost)
{
    public static StoredEvent From(string cluster, Corev1Event e)
    {
        var first = e.FirstTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp ?? DateTime.UtcNow;
        var last = e.LastTimestamp ?? e.Series?.LastObservedTime ?? e.EventTime ?? first;
        return new StoredEvent(cluster, e.Metadata.Uid ?? $"{e.Metadata.NamespaceProperty}/{e.Metadata.Name}", e.Metadata.Name ?? "",
            e.Metadata.NamespaceProperty ?? "", Utc(first), Utc(last), e.Count ?? e.Series?.Count ?? 1,
            e.InvolvedObject?.Kind, e.InvolvedObject?.Name, e.Reason, e.Type, e.Message,
            e.Source?.Component ?? e.ReportingComponent, e.Source?.Host ?? e.ReportingInstance);
    }

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime();
}
