namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Maps <see cref="WorkloadKind"/> to and from DCE path segments (<c>deployments</c>, <c>cronjobs</c>...).</summary>
public static class WorkloadKinds
{
    private static readonly Dictionary<string, WorkloadKind> BySegment = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deployments"] = WorkloadKind.Deployment,
        ["statefulsets"] = WorkloadKind.StatefulSet,
        ["daemonsets"] = WorkloadKind.DaemonSet,
        ["jobs"] = WorkloadKind.Job,
        ["cronjobs"] = WorkloadKind.CronJob,
    };

    /// <summary>Every kind, in display order.</summary>
    public static IReadOnlyList<WorkloadKind> All { get; } = Enum.GetValues<WorkloadKind>();

    /// <summary>The kind named by a path segment such as <c>statefulsets</c>.</summary>
    public static bool TryParse(string? segment, out WorkloadKind kind) =>
        BySegment.TryGetValue(segment ?? "", out kind);

    /// <summary>The kind named by <paramref name="segment"/>; throws <see cref="ArgumentException"/> for any other.</summary>
    public static WorkloadKind Parse(string segment) =>
        TryParse(segment, out var kind) ? kind : throw new ArgumentException($"unknown workload kind \"{segment}\"", nameof(segment));

    /// <summary>The path segment (plural resource name) of <paramref name="kind"/>.</summary>
    public static string PathSegment(this WorkloadKind kind) => BySegment.First(pair => pair.Value == kind).Key;
}
