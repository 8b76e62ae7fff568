using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;

namespace Dce.KubeSim.Machinery;

/// <summary>
/// What the API server does to PersistentVolumeClaims beyond decoding: the DefaultStorageClass admission on create,
/// and on update the resize rules (validation refuses a shrink below the capacity or a resize of an unbound claim,
/// the PersistentVolumeClaimResize admission a class that does not allow expansion).
/// </summary>
public static class ClaimAdmission
{
    private const string StoragePath = "spec.resources.requests.storage";

    /// <summary>Defaults a new claim (and volume): Pending, Filesystem mode, the default class when it names none.</summary>
    public static void OnCreate(ObjectStore store, ResourceCatalog catalog, ResourceType type, JsonObject claim)
    {
        if (type.Kind == "PersistentVolume" && type.Group.Length == 0)
        {
            claim.Obj("status")["phase"] ??= "Pending";
            claim.Obj("spec")["volumeMode"] ??= "Filesystem";
        }
        if (type.Kind != "PersistentVolumeClaim" || type.Group.Length > 0)
        {
            return;
        }
        claim.Obj("status")["phase"] ??= "Pending";
        var spec = claim.Obj("spec");
        if (spec["storageClassName"] is null && StorageClassLookup.Default(store, catalog) is { } defaultClass)
        {
            spec["storageClassName"] = defaultClass.At("metadata").Str("name");
        }
        spec["volumeMode"] ??= "Filesystem";
    }

    public static void OnUpdate(ObjectStore store, ResourceCatalog catalog, ResourceType type, JsonObject existing, JsonObject next)
    {
        if (type.Kind != "PersistentVolumeClaim" || type.Group.Length > 0)
        {
            return;
        }
        var before = existing.StrAt(StoragePath);
        var after = next.StrAt(StoragePath);
        if (before == after || after is null)
        {
            return;
        }
        var name = next.Metadata().Str("name") ?? "";
        if (existing.StrAt("status.phase") != "Bound")
        {
            throw ApiException.Invalid(type, name, [new FieldCause("spec", "FieldValueForbidden",
                "Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims")]);
        }
        var requested = Quantity.Parse(after);
        var capacity = Quantity.Parse(existing.StrAt("status.capacity.storage") ?? before);
        if (requested.Value < capacity.Value)
        {
            throw ApiException.Invalid(type, name, [new FieldCause(StoragePath, "FieldValueForbidden", "Forbidden: field can not be less than status.capacity")]);
        }
        if (requested.Value > Quantity.Parse(before).Value)
        {
            var storageClass = StorageClassLookup.Find(store, catalog, next.StrAt("spec.storageClassName"));
            if (storageClass?["allowVolumeExpansion"]?.GetValue<bool>() != true)
            {
                throw ApiException.Forbidden(type, name, "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize");
            }
        }
    }
}
