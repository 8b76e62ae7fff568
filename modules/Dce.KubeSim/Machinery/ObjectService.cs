using System.Text.Json.Nodes;
using Dce.KubeSim.Apply;
using Dce.KubeSim.Machinery.Quota;

namespace Dce.KubeSim.Machinery;

/// <summary>
/// The API semantics on top of the store: create, update, patch and delete with validation, defaulting,
/// generation, optimistic concurrency, finalizers and propagation. Controllers and HTTP handlers both write here.
/// </summary>
public sealed class ObjectService(ObjectStore store, ResourceCatalog catalog)
{
    /// <summary>A controller write that sets spec and status together, as a binding or kubelet does.</summary>
    public const string WholeObject = "*";

    /// <summary>The tolerationSeconds new pods get for the not-ready and unreachable taints.</summary>
    public long DefaultTolerationSeconds { get; init; } = 300;

    public ObjectStore Store => store;
    public ResourceCatalog Catalog => catalog;

    /// <summary>Called after every committed create, update or delete, with the type and the stored object.</summary>
    public event Action<ResourceType, StoredObject, string>? Committed;

    public StoredObject Get(ResourceType type, string ns, string name) =>
        store.Get(type.StorageKey, ns, name) ?? throw ApiException.NotFound(type, name);

    public StoredObject Create(ResourceType type, string ns, JsonObject body, WriteOptions? options = null) =>
        Create(type, ns, body, options ?? WriteOptions.Default, fieldsRecorded: false);

    private StoredObject Create(ResourceType type, string ns, JsonObject body, WriteOptions options, bool fieldsRecorded)
    {
        WritePreparation.Prepare(type, ns, body, options);
        var meta = body.Metadata();
        var name = meta.Str("name")!;
        ObjectValidation.Validate(type, body);
        lock (store.Sync)
        {
            if (type.Namespaced)
            {
                RequireLiveNamespace(ns);
            }
            if (store.Get(type.StorageKey, ns, name) is not null)
            {
                throw ApiException.AlreadyExists(type, name);
            }
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = Json.Now();
            meta["generation"] = 1;
            meta.Remove("deletionTimestamp");
            meta.Remove("resourceVersion");
            ObjectDefaults.Apply(type, body);
            ClaimAdmission.OnCreate(store, catalog, type, body);
            if (type.Kind == "Pod" && type.Group.Length == 0)
            {
                DefaultTolerations.Add(body, DefaultTolerationSeconds);
            }
            if (!fieldsRecorded)
            {
                FieldOwnership.RecordUpdate(type, null, body, new FieldWriter(options.FieldManager ?? ManagerNames.ControllerManager, null),
                    FieldScope.For(type.HasStatus, null));
            }
            QuotaAdmission.Admit(store, catalog, type, ns, body);
            if (options.DryRun)
            {
                return StoredObject.From(body);
            }
            var stored = store.Put(type.StorageKey, body, "ADDED");
            Committed?.Invoke(type, stored, "ADDED");
            return stored;
        }
    }

    public StoredObject Update(ResourceType type, string ns, string name, JsonObject body, string? subresource = null, WriteOptions? options = null)
    {
        options ??= WriteOptions.Default;
        WritePreparation.Prepare(type, ns, body, options);
        if (body.Metadata().Str("name") != name)
        {
            throw ApiException.BadRequest("the name of the object does not match the name on the URL");
        }
        lock (store.Sync)
        {
            var current = Get(type, ns, name);
            var expected = body.Metadata().Str("resourceVersion");
            if (!string.IsNullOrEmpty(expected) && expected != current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw ApiException.Conflict(type, name);
            }
            return Commit(type, current, body, subresource, options);
        }
    }

    /// <summary>Applies <paramref name="patch"/> to the latest version under the store lock; <paramref name="expectedVersion"/> is the resourceVersion the patch names, if any.</summary>
    public StoredObject Patch(ResourceType type, string ns, string name, Func<JsonObject, JsonNode> patch, string? expectedVersion, string? subresource = null, WriteOptions? options = null)
    {
        lock (store.Sync)
        {
            var current = Get(type, ns, name);
            var target = current.Parse();
            var patched = patch(target);
            if (patched is not JsonObject result)
            {
                throw ApiException.BadRequest("the patch did not produce an object");
            }
            var meta = result.Metadata();
            if (meta.Str("name") != name)
            {
                throw ApiException.BadRequest("the name of the object may not be changed by a patch");
            }
            if (!string.IsNullOrEmpty(expectedVersion) && expectedVersion != current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw ApiException.Conflict(type, name);
            }
            WritePreparation.Prepare(type, ns, result, options ?? WriteOptions.Default);
            return Commit(type, current, result, subresource, options ?? WriteOptions.Default);
        }
    }

    /// <summary>
    /// Server-side apply: merges <paramref name="config"/> into the object (creating it when missing) with the field
    /// ownership of <see cref="WriteOptions.FieldManager"/>; another manager's field changed without force is a 409.
    /// </summary>
    public StoredObject Apply(ResourceType type, string ns, string name, JsonObject config, string? subresource, WriteOptions options)
    {
        var meta = config.Metadata();
        if (meta.Str("name") is { Length: > 0 } given && given != name)
        {
            throw ApiException.BadRequest($"the name of the object ({given}) does not match the name on the URL ({name})");
        }
        meta["name"] = name;
        WritePreparation.Prepare(type, ns, config, options);
        var writer = new FieldWriter(options.FieldManager ?? ManagerNames.FromUserAgent(null), subresource);
        lock (store.Sync)
        {
            if (store.Get(type.StorageKey, ns, name) is not { } current)
            {
                if (subresource is not null)
                {
                    throw ApiException.NotFound(type, name);
                }
                return Create(type, ns, FieldOwnership.Apply(type, null, config, writer, options.Force, FieldScope.For(type.HasStatus, null)), options, fieldsRecorded: true);
            }
            var expected = meta.Str("resourceVersion");
            if (!string.IsNullOrEmpty(expected) && expected != current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw ApiException.Conflict(type, name);
            }
            var merged = FieldOwnership.Apply(type, current.Parse(), config, writer, options.Force, FieldScope.For(type.HasStatus, subresource));
            return Commit(type, current, merged, subresource, options, fieldsRecorded: true);
        }
    }

    /// <summary>Read-modify-write for controllers: the change is applied to the latest version under the store lock.</summary>
    public StoredObject? Mutate(ResourceType type, string ns, string name, Func<JsonObject, bool> change, string? subresource = null, WriteOptions? options = null)
    {
        lock (store.Sync)
        {
            if (store.Get(type.StorageKey, ns, name) is not { } current)
            {
                return null;
            }
            var obj = current.Parse();
            return change(obj) ? Commit(type, current, obj, subresource, options ?? WriteOptions.Default) : current;
        }
    }

    public StoredObject? Delete(ResourceType type, string ns, string name, DeleteOptions? options = null)
    {
        options ??= DeleteOptions.Default;
        lock (store.Sync)
        {
            var current = Get(type, ns, name);
            if (options.PreconditionUid is { Length: > 0 } uid && uid != current.Uid)
            {
                throw new ApiException(409, "Conflict", $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
            }
            if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw ApiException.Conflict(type, name);
            }
            if (options.DryRun)
            {
                return current;
            }
            var obj = current.Parse();
            var finalizers = obj.Metadata()["finalizers"] as JsonArray ?? [];
            if (PodGrace.Of(type, obj, options) is > 0 and var grace && finalizers.Count == 0 && options.Propagation != Propagation.Foreground)
            {
                return current.Deleting ? current : MarkTerminating(type, obj, grace);
            }
            if (type.Plural == "namespaces" || options.Propagation == Propagation.Foreground || finalizers.Count > 0)
            {
                if (options.Propagation == Propagation.Foreground && !finalizers.Any(f => f?.ToString() == "foregroundDeletion"))
                {
                    finalizers.Add("foregroundDeletion");
                    obj.Metadata()["finalizers"] = finalizers;
                }
                if (type.Plural == "namespaces")
                {
                    obj.Obj("status")["phase"] = "Terminating";
                }
                obj.Metadata()["deletionTimestamp"] ??= Json.Now();
                obj.Metadata()["deletionGracePeriodSeconds"] ??= 0;
                var marked = store.Put(type.StorageKey, obj, "MODIFIED");
                Committed?.Invoke(type, marked, "MODIFIED");
                return marked;
            }
            if (options.Propagation == Propagation.Orphan)
            {
                Orphan(current.Uid);
            }
            return RemoveNow(type, current);
        }
    }

    /// <summary>A pod the kubelet still has to stop: deleted at the end of its grace period, or sooner when the kubelet is done.</summary>
    private StoredObject MarkTerminating(ResourceType type, JsonObject obj, long grace)
    {
        obj.Metadata()["deletionTimestamp"] = Json.Format(DateTime.UtcNow.AddSeconds(grace));
        obj.Metadata()["deletionGracePeriodSeconds"] = grace;
        var marked = store.Put(type.StorageKey, obj, "MODIFIED");
        Committed?.Invoke(type, marked, "MODIFIED");
        return marked;
    }

    /// <summary>Removes an object whose finalization is complete (a namespace once it is empty).</summary>
    public StoredObject? Finalize(ResourceType type, StoredObject current)
    {
        lock (store.Sync)
        {
            return RemoveNow(type, current);
        }
    }

    private StoredObject? RemoveNow(ResourceType type, StoredObject current)
    {
        var gone = store.Remove(type.StorageKey, current.Namespace, current.Name);
        if (gone is not null)
        {
            Committed?.Invoke(type, gone, "DELETED");
        }
        return gone;
    }

    private void Orphan(string ownerUid)
    {
        foreach (var type in catalog.All.Where(t => !t.ReadOnly).DistinctBy(t => t.StorageKey))
        {
            foreach (var dependent in store.List(type.StorageKey, null, o => o.Owners.Any(r => r.Uid == ownerUid)).Items)
            {
                Mutate(type, dependent.Namespace, dependent.Name, obj =>
                {
                    if (obj.Metadata()["ownerReferences"] is JsonArray refs)
                    {
                        foreach (var r in refs.Where(r => r.Str("uid") == ownerUid).ToList())
                        {
                            refs.Remove(r);
                        }
                    }
                    return true;
                });
            }
        }
    }

    private StoredObject Commit(ResourceType type, StoredObject current, JsonObject desired, string? subresource, WriteOptions options, bool fieldsRecorded = false)
    {
        var existing = current.Parse();
        JsonObject next;
        if (subresource == "status")
        {
            next = existing.DeepClone().AsObject();
            next["status"] = desired["status"]?.DeepClone();
        }
        else if (subresource == WholeObject)
        {
            next = desired;
        }
        else
        {
            next = desired;
            if (type.HasStatus)
            {
                next["status"] = existing["status"]?.DeepClone();
            }
            ObjectValidation.Validate(type, next);
            ClaimAdmission.OnUpdate(store, catalog, type, existing, next);
        }
        var meta = next.Metadata();
        var oldMeta = existing.Metadata();
        foreach (var preserved in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds" })
        {
            if (oldMeta[preserved] is { } kept)
            {
                meta[preserved] = kept.DeepClone();
            }
            else
            {
                meta.Remove(preserved);
            }
        }
        var generation = oldMeta.Long("generation") ?? 1;
        meta["generation"] = WritePreparation.SpecChanged(existing, next) ? generation + 1 : generation;
        ObjectDefaults.Apply(type, next);
        if (fieldsRecorded && desired.Metadata()["managedFields"] is { } recorded)
        {
            meta["managedFields"] = recorded.DeepClone();
        }
        else if (!fieldsRecorded)
        {
            var managerSubresource = options.ManagerSubresource ?? (subresource == "status" ? "status" : null);
            var writer = new FieldWriter(options.FieldManager ?? ManagerNames.ForController(type, subresource), managerSubresource);
            FieldOwnership.RecordUpdate(type, existing, next, writer, FieldScope.For(type.HasStatus, subresource));
        }
        meta["resourceVersion"] = current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (JsonNode.DeepEquals(existing, next) || options.DryRun)
        {
            return options.DryRun ? StoredObject.From(next) : current;
        }
        if (meta["deletionTimestamp"] is not null && (meta["finalizers"] as JsonArray ?? []).Count == 0 && type.Plural != "namespaces" && !PodGrace.IsTerminating(meta))
        {
            return RemoveNow(type, current) ?? current;
        }
        var stored = store.Put(type.StorageKey, next, "MODIFIED");
        Committed?.Invoke(type, stored, "MODIFIED");
        return stored;
    }

    private void RequireLiveNamespace(string ns)
    {
        var namespaces = catalog.Find("", "v1", "namespaces")!;
        var found = store.Get(namespaces.StorageKey, "", ns) ?? throw ApiException.NotFound(namespaces, ns);
        if (found.Deleting)
        {
            throw new ApiException(403, "Forbidden", $"unable to create new content in namespace {ns} because it is being terminated");
        }
    }
}
