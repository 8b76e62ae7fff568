using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Pods;

/// <summary>A pod as a list row shows it, read from the API's pod with DCE's status figures.</summary>
public sealed record PodLine(string Cluster, string Namespace, string Name, string Status, int Ready, int Containers, int Restarts,
    IReadOnlyList<string> Images, string Node, string Created)
{
    public string Link => $"/pods/{Uri.EscapeDataString(Cluster)}/{Uri.EscapeDataString(Namespace)}/{Uri.EscapeDataString(Name)}";

    public bool Healthy => Status is "Running" or "Succeeded" or "Completed" && (Ready == Containers || Status != "Running");

    public static PodLine Of(JsonElement pod)
    {
        var (metadata, status) = (pod.Prop("metadata"), pod.Prop("status"));
        return new PodLine(metadata.Text("cluster"), metadata.Text("namespace"), metadata.Text("name"),
            status.Text("podStatus") is { Length: > 0 } word ? word : status.Text("phase"),
            status.Int("containerReadyCount"), status.Int("containerTotalCount"), status.Int("restartCount"),
            [.. pod.Prop("spec").Items("containers").Select(c => c.Text("image"))], pod.Prop("spec").Text("nodeName"),
            metadata.Time("creationTimestamp"));
    }

    /// <summary>The pods of a list answer, Terminating ones included (they show as such).</summary>
    public static List<PodLine> ListOf(JsonElement answer) => [.. answer.Items().Select(Of)];
}
