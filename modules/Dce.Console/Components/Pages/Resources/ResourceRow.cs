using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Resources;

/// <summary>One object in a resource list: where it is, and the few facts of its kind worth a glance.</summary>
public sealed record ResourceRow(string Name, string Namespace, string Cluster, string Details, string Created)
{
    public static ResourceRow Of(ResourceKind kind, JsonElement item, string cluster)
    {
        var metadata = item.Prop("metadata");
        return new ResourceRow(metadata.Text("name"), metadata.Text("namespace"), metadata.Text("cluster") is { Length: > 0 } own ? own : cluster,
            DetailsOf(kind, item), metadata.Time("creationTimestamp"));
    }

    private static string DetailsOf(ResourceKind kind, JsonElement item) => kind.Segment switch
    {
        "services" => $"{item.Prop("spec").Text("type")} {item.Prop("spec").Text("clusterIP")}".Trim(),
        "secrets" => $"{item.Text("type")} · {Count(item.Prop("data"))} keys",
        "configmaps" => $"{Count(item.Prop("data"))} keys",
        "persistentvolumeclaims" or "persistentvolumes" => item.Prop("status").Text("phase"),
        "storageclasses" => item.Text("provisioner"),
        "rolebindings" or "clusterrolebindings" => item.Prop("roleRef").Text("name"),
        "customresourcedefinitions" => item.Prop("spec").Prop("names").Text("kind"),
        _ => "",
    };

    private static int Count(JsonElement map) => map.ValueKind == JsonValueKind.Object ? map.EnumerateObject().Count() : 0;
}
