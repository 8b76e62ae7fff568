namespace Dce.KubeSim.Machinery;

/// <summary>All objects of one resource, kept in namespace/name order for stable paging.</summary>
internal sealed class ResourceTable
{
    private readonly Dictionary<string, StoredObject> byKey = new(StringComparer.Ordinal);
    private readonly SortedSet<string> keys = new(StringComparer.Ordinal);

    public int Count => byKey.Count;

    public StoredObject? Get(string key) => byKey.GetValueOrDefault(key);

    public void Set(StoredObject stored)
    {
        if (byKey.TryAdd(stored.Key, stored))
        {
            keys.Add(stored.Key);
        }
        else
        {
            byKey[stored.Key] = stored;
        }
    }

    public void Remove(string key)
    {
        byKey.Remove(key);
        keys.Remove(key);
    }

    public IEnumerable<StoredObject> Range(string? ns, string? after)
    {
        if (keys.Count == 0)
        {
            return [];
        }
        var lower = ns is null ? keys.Min! : ns + "/";
        var upper = ns is null ? keys.Max! : ns + "/\uffff";
        if (after is not null && string.CompareOrdinal(after, lower) >= 0)
        {
            lower = after + "\0";
        }
        if (string.CompareOrdinal(lower, upper) > 0)
        {
            return [];
        }
        return keys.GetViewBetween(lower, upper).Select(k => byKey[k]);
    }
}
