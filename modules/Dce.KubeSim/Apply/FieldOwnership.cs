using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Apply;

/// <summary>
/// Keeps <c>metadata.managedFields</c> as kube-apiserver's field manager does. An update records the fields it
/// added or changed for its manager and takes them from the others; an apply owns exactly its configuration,
/// removes the fields it stopped applying that nobody else owns, and conflicts with other owners unless forced.
/// </summary>
public static class FieldOwnership
{
    /// <summary>Records an Update (create, update, patch, controller write) on <paramref name="next"/>; <paramref name="live"/> is null on create.</summary>
    public static void RecordUpdate(ResourceType type, JsonObject? live, JsonObject next, FieldWriter writer, FieldScope scope)
    {
        var entries = (writer.Subresource is null ? ManagedFieldsEntry.Decode(next) : null)
            ?? (live is null ? null : ManagedFieldsEntry.Decode(live))
            ?? [];
        var comparison = FieldWalker.Compare(live ?? [], next, type.ModelType, scope);
        var changed = comparison.Changed;
        var identity = (writer.Manager, ManagedFieldsEntry.Update, writer.Subresource ?? "");
        ManagedFieldsEntry? previous = null;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            entries[i] = entry with { Fields = entry.Fields.Difference(changed).Difference(comparison.Removed) };
            if (entry.Identity == identity)
            {
                previous = entries[i];
            }
        }
        var taken = changed.Difference(comparison.Removed);
        if (!taken.IsEmpty)
        {
            entries.RemoveAll(e => e.Identity == identity);
            entries.Add(new ManagedFieldsEntry(writer.Manager, ManagedFieldsEntry.Update, type.ApiVersion, Json.Now(), writer.Subresource,
                previous is null ? taken : previous.Fields.Union(taken)));
        }
        ManagedFieldsEntry.Encode(next, entries);
    }

    /// <summary>Merges an applied configuration into <paramref name="live"/> (null: the object is new) and returns the object to store.</summary>
    public static JsonObject Apply(ResourceType type, JsonObject? live, JsonObject config, FieldWriter writer, bool force, FieldScope scope)
    {
        var model = type.ModelType;
        var entries = (live is null ? null : ManagedFieldsEntry.Decode(live)) ?? [];
        config.Metadata().Remove("managedFields");
        var merged = live is null ? config.DeepClone().AsObject() : StructuredMerge.Merge(live, config, model);
        var applied = FieldWalker.Owned(config, model, scope);
        var identity = (writer.Manager, ManagedFieldsEntry.Apply, writer.Subresource ?? "");
        var previous = entries.FirstOrDefault(e => e.Identity == identity);
        var others = entries.Where(e => e.Identity != identity).ToList();
        if (previous is not null)
        {
            foreach (var dropped in previous.Fields.Difference(applied).Members())
            {
                if (!others.Any(o => o.Fields.Covers(dropped)))
                {
                    StructuredMerge.Remove(merged, dropped, model);
                }
            }
        }
        var comparison = FieldWalker.Compare(live ?? [], merged, model, scope);
        var changed = comparison.Changed;
        var conflicts = others
            .SelectMany(o => o.Fields.Intersection(changed).Members().Select(path => new FieldConflict(o.Describe(), path)))
            .ToList();
        if (LastAppliedConfiguration.AllowedConflicts(live, writer.Manager, model, scope) is { } allowed)
        {
            conflicts.RemoveAll(c => allowed.Contains(c.Path));
        }
        if (conflicts.Count > 0 && !force)
        {
            throw ApplyConflicts.Error(conflicts);
        }
        var next = others.Select(o => o with { Fields = o.Fields.Difference(changed).Difference(comparison.Removed) }).ToList();
        var objectChanged = !comparison.Added.IsEmpty || !comparison.Modified.IsEmpty || !comparison.Removed.IsEmpty;
        var time = objectChanged || previous is null ? Json.Now() : previous.Time;
        next.Add(new ManagedFieldsEntry(writer.Manager, ManagedFieldsEntry.Apply, type.ApiVersion, time, writer.Subresource, applied));
        LastAppliedConfiguration.Sync(merged, config, writer.Manager);
        ManagedFieldsEntry.Encode(merged, next);
        return merged;
    }
}

/// <summary>Who writes: the field manager and the subresource it writes through.</summary>
public sealed record FieldWriter(string Manager, string? Subresource);

/// <summary>A field another manager owns and an apply would change.</summary>
public sealed record FieldConflict(string Manager, IReadOnlyList<string> Path);
