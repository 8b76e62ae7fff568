using System.Text.Json.Nodes;

namespace Dce.ContainerManagement.Apis.CustomResources;

/// <summary>A custom resource as DCE shows it: kind, apiVersion, name, namespace, creation time and labels, with the whole object as text in <c>data</c>.</summary>
internal static class CustomResourceView
{
    public static JsonObject Of(JsonObject obj, bool withData)
    {
        var metadata = obj["metadata"] as JsonObject;
        var view = new JsonObject
        {
            ["kind"] = obj["kind"]?.DeepClone(),
            ["apiVersion"] = obj["apiVersion"]?.DeepClone(),
            ["name"] = metadata?["name"]?.DeepClone(),
            ["namespace"] = metadata?["namespace"]?.DeepClone(),
            ["creationTimestamp"] = metadata?["creationTimestamp"]?.DeepClone(),
            ["labels"] = metadata?["labels"]?.DeepClone(),
        };
        if (withData)
        {
            view["data"] = obj.ToJsonString();
        }

        return view;
    }

    /// <summary>Whether <paramref name="obj"/> is owned by the object whose uid or name is <paramref name="owner"/>.</summary>
    public static bool OwnedBy(JsonObject obj, string? owner) =>
        string.IsNullOrEmpty(owner)
        || (obj["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(r => r["uid"]?.ToString() == owner || r["name"]?.ToString() == owner);
}
