using System.Text.Json.Nodes;

namespace Dce.ContainerManagement.Apis.Rbac;

/// <summary>
/// The spellings in which DCE's messages differ from Kubernetes' RBAC objects: a subject's and a roleRef's
/// <c>APIGroup</c> (Kubernetes: <c>apiGroup</c>), a rule's <c>nonResourceUrls</c> (Kubernetes: <c>nonResourceURLs</c>).
/// </summary>
internal static class RbacShape
{
    /// <summary>The object in DCE's spelling, for an answer.</summary>
    public static JsonObject ToDce(JsonObject obj)
    {
        Rename(obj["roleRef"] as JsonObject, "apiGroup", "APIGroup");
        foreach (var subject in (obj["subjects"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Rename(subject, "apiGroup", "APIGroup");
        }

        foreach (var rule in (obj["rules"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Rename(rule, "nonResourceURLs", "nonResourceUrls");
        }

        return obj;
    }

    /// <summary>A subject or roleRef written in DCE's spelling, in Kubernetes' spelling.</summary>
    public static JsonObject? FromDce(JsonObject? reference)
    {
        if (reference is null)
        {
            return null;
        }

        var copy = reference.DeepClone().AsObject();
        Rename(copy, "APIGroup", "apiGroup");
        return copy;
    }

    private static void Rename(JsonObject? obj, string from, string to)
    {
        if (obj is not null && obj.Remove(from, out var value) && !obj.ContainsKey(to))
        {
            obj[to] = value;
        }
    }
}
