using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Insight;

/// <summary>A stored container log line (DCE's <c>v1alpha1LogQueryResult</c>) as the logs explorer shows it.</summary>
public sealed record LogEntry(string Id, string Timestamp, string Cluster, string Namespace, string Pod, string Container, string Message)
{
    public static LogEntry From(JsonElement result)
    {
        var labels = result.Prop("labels");
        return new LogEntry(labels.Text("id"), result.Text("timestamp"), labels.Text("cluster_name"), labels.Text("namespace_name"),
            labels.Text("pod_name"), labels.Text("container_name"), result.Text("log"));
    }
}
