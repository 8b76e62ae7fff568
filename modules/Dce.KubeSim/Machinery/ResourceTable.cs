namespace Dce.KubeSim.Machinery;

/// <summary>All objects of one resource, kept in namespace/name order for stable paging.</summary>
internal sealed class ResourceTable
{
    private readonly Dictionary<string, StoredObject> byKey = new(StringComparer.Ordinal);
    private readonly SortedSet<string> keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> byController = new(StringComparer.Ordinal);
    private readonly HashSet<string> unsettled = new(StringComparer.Ordinal);
    private readonly HashSet<string> collectable = new(StringComparer.Ordinal);

    public int Count => byKey.Count;

    public StoredObject? Get(string key) => byKey.GetValueOrDefault(key);

    public void Set(StoredObject stored)
    {
        if (byKey.TryGetValue(stored.Key, out var previous))
        {
            Unindex(previous);
        }
        else
        {
            keys.Add(stored.Key);
        }
        byKey[stored.Key] = stored;
        if (stored.ControllerUid is { } owner)
        {
            if (!byController.TryGetValue(owner, out var owned))
            {
                owned = new HashSet<string>(StringComparer.Ordinal);
                byController[owner] = owned;
            }
            owned.Add(stored.Key);
        }
        if (stored.Unsettled)
        {
            unsettled.Add(stored.Key);
        }
        if (stored.Owners.Count > 0 || stored.Deleting)
        {
            collectable.Add(stored.Key);
        }
    }

    public void Remove(string key)
    {
        if (byKey.Remove(key, out var previous))
        {
            Unindex(previous);
        }
        keys.Remove(key);
    }

    /// <summary>Objects whose controlling owner has the given uid.</summary>
    public IEnumerable<StoredObject> OwnedBy(string controllerUid) =>
        byController.TryGetValue(controllerUid, out var owned) ? owned.Select(k => byKey[k]) : [];

    /// <summary>Objects a simulated kubelet or scheduler still has to act on.</summary>
    public IEnumerable<StoredObject> Unsettled => unsettled.Select(k => byKey[k]);

    /// <summary>Objects the garbage collector looks at: those with owners and those being deleted.</summary>
    public IEnumerable<StoredObject> Collectable => collectable.Select(k => byKey[k]);

    private void Unindex(StoredObject previous)
    {
        if (previous.ControllerUid is { } owner && byController.TryGetValue(owner, out var owned))
        {
            owned.Remove(previous.Key);
            if (owned.Count == 0)
            {
                byController.Remove(owner);
            }
        }
        unsettled.Remove(previous.Key);
        collectable.Remove(previous.Key);
    }

    public IEnumerable<StoredObject> Range(string? ns, string? after)
    {
        if (keys.Count == 0)
        {
            return [];
        }
        if (ns is null && after is null)
        {
            return keys.Select(k => byKey[k]);
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
