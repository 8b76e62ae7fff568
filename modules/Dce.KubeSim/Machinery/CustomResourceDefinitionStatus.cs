using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery;

/// <summary>
/// What kube-apiserver's apiextensions controllers write on a CustomResourceDefinition: the defaulted names, the names
/// accepted, the Established condition and the versions ever stored. Here they are written with every commit, so a
/// definition is established as soon as it is created.
/// </summary>
public static class CustomResourceDefinitionStatus
{
    public static void Apply(JsonObject crd)
    {
        var names = crd.Obj("spec").Obj("names");
        if (names.Str("kind") is { Length: > 0 } kind)
        {
            names["singular"] ??= kind.ToLowerInvariant();
            names["listKind"] ??= kind + "List";
        }
        var status = crd.Obj("status");
        status["acceptedNames"] = names.DeepClone();
        status["storedVersions"] = StoredVersions(crd, status);
        var conditions = status["conditions"] as JsonArray ?? [];
        SetCondition(conditions, "NamesAccepted", "NoConflicts", "no conflicts found");
        SetCondition(conditions, "Established", "InitialNamesAccepted", "the initial names have been accepted");
        status["conditions"] = conditions;
    }

    // A storage version stays listed after another takes its place: objects may still be stored in it until a
    // migration removes it from the list through the status subresource.
    private static JsonArray StoredVersions(JsonObject crd, JsonObject status)
    {
        var stored = (status["storedVersions"] as JsonArray ?? []).Select(v => v?.ToString()).OfType<string>().ToList();
        var storage = (crd.At("spec.versions") as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(v => v["storage"]?.GetValue<bool>() == true).Str("name");
        if (storage is not null && !stored.Contains(storage))
        {
            stored.Add(storage);
        }
        return new JsonArray(stored.Select(v => (JsonNode)v).ToArray());
    }

    private static void SetCondition(JsonArray conditions, string type, string reason, string message)
    {
        var condition = conditions.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);
        if (condition is null)
        {
            condition = new JsonObject { ["type"] = type };
            conditions.Add(condition);
        }
        if (condition.Str("status") != "True")
        {
            condition["lastTransitionTime"] = Json.Now();
        }
        condition["status"] = "True";
        condition["reason"] = reason;
        condition["message"] = message;
    }
}
