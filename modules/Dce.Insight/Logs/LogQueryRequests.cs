namespace Dce.Insight.Logs;

/// <summary>DCE's <c>v1alpha1QueryLogRequest</c> (container logs only), with <c>cursor</c> for keyset paging.</summary>
public sealed record QueryLogRequest(string? StartTime, string? EndTime, int? Page, int? PageSize, LogResourceFilter? Resource, string? Cursor);

/// <summary>DCE's <c>v1alpha1LogQueryResourceFilter</c>: each list narrows to any of its values; every <c>logSearch</c> entry must match.</summary>
public sealed record LogResourceFilter(List<string>? LogSearch, List<string>? ClusterFilter, List<string>? NamespaceFilter, List<string>? WorkloadFilter,
    List<string>? PodFilter, List<string>? ContainerFilter);

/// <summary>DCE's <c>v1alpha1QueryLogHistogramRequest</c>.</summary>
public sealed record QueryLogHistogramRequest(string? StartTime, string? EndTime, string? Interval, LogResourceFilter? Resource);

/// <summary>DCE's <c>v1alpha1QueryLogContextRequest</c>: the lines of one container around the line at <c>nanotimestamp</c>.</summary>
public sealed record QueryLogContextRequest(string? StartTime, string? EndTime, int? Before, int? After, string? Nanotimestamp, LogContextResourceFilter? Resource);

public sealed record LogContextResourceFilter(string? Cluster, string? Namespace, string? Pod, string? Container);

/// <summary>DCE's <c>v1alpha1DownloadLogRequest</c>: the lines of <c>queryLog</c>, at most <c>maxLines</c>.</summary>
public sealed record DownloadLogRequest(QueryLogRequest? QueryLog, int? MaxLines);
