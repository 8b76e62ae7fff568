namespace Dce.KubeSim.Patching;

/// <summary>
/// Which lists strategic merge patch merges by key instead of replacing, as the Kubernetes API types declare
/// with patchStrategy/patchMergeKey. Keyed by the list field's name and, where a name is ambiguous, its parent.
/// </summary>
public static class PatchMergeKeys
{
    private static readonly Dictionary<string, string> ByField = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["imagePullSecrets"] = "name",
        ["ownerReferences"] = "uid",
        ["conditions"] = "type",
        ["addresses"] = "type",
        ["hostAliases"] = "ip",
        ["topologySpreadConstraints"] = "topologyKey",
        ["taints"] = "key",
        ["resourceClaims"] = "name",
        ["schedulingGates"] = "name",
    };

    private static readonly HashSet<string> MergedPrimitiveLists = new(StringComparer.Ordinal) { "finalizers" };

    /// <summary>The merge key of a list, or null if the list is replaced whole.</summary>
    public static string? For(string field, string? parentField)
    {
        if (field == "ports")
        {
            return parentField is "containers" or "initContainers" or "ephemeralContainers" ? "containerPort" : parentField == "spec" ? "port" : null;
        }
        return ByField.GetValueOrDefault(field);
    }

    public static bool MergesPrimitives(string field) => MergedPrimitiveLists.Contains(field);

    /// <summary>The (model type name, property) pairs the OpenAPI document marks with a patch strategy.</summary>
    public static (string Strategy, string? Key)? ForModel(string modelName, string property) => (modelName, property) switch
    {
        ("V1Container" or "V1EphemeralContainer", "ports") => ("merge", "containerPort"),
        ("V1ServiceSpec", "ports") => ("merge", "port"),
        ("V1ObjectMeta", "finalizers") => ("merge", null),
        ("V1PodSpec", "volumes") => ("merge,retainKeys", "name"),
        (_, "ports") => null,
        _ => ByField.TryGetValue(property, out var key) ? ("merge", key) : null,
    };
}
