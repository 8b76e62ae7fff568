using System.Collections.Concurrent;

namespace Dce.KubeSim.Machinery;

/// <summary>The resources one cluster serves: the built-in ones plus those its CustomResourceDefinitions add.</summary>
public sealed class ResourceCatalog
{
    private readonly ConcurrentDictionary<string, ResourceType> custom = new(StringComparer.Ordinal);

    public IEnumerable<ResourceType> All => BuiltinResources.All.Concat(custom.Values);

    public ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    public IEnumerable<string> GroupVersions => All.Select(r => r.GroupVersion).Distinct(StringComparer.Ordinal);

    public void SetCustom(string crdName, IReadOnlyList<ResourceType> versions)
    {
        RemoveCustom(crdName);
        foreach (var type in versions)
        {
            custom[$"{crdName}|{type.Version}"] = type;
        }
    }

    public void RemoveCustom(string crdName)
    {
        foreach (var key in custom.Keys.Where(k => k.StartsWith(crdName + "|", StringComparison.Ordinal)))
        {
            custom.TryRemove(key, out _);
        }
    }
}
