using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery;

/// <summary>Reads StorageClasses: by name, and the default one the API server gives a claim that names none.</summary>
public static class StorageClassLookup
{
    public const string DefaultAnnotation = "storageclass.kubernetes.io/is-default-class";

    public static JsonObject? Find(ObjectStore store, ResourceCatalog catalog, string? name) =>
        string.IsNullOrEmpty(name) ? null : store.Get(Type(catalog).StorageKey, "", name)?.Parse();

    /// <summary>The default class; with several, the newest as the DefaultStorageClass admission picks.</summary>
    public static JsonObject? Default(ObjectStore store, ResourceCatalog catalog) =>
        store.List(Type(catalog).StorageKey, null).Items.Select(c => c.Parse())
            .Where(c => c.At("metadata.annotations").Str(DefaultAnnotation) == "true")
            .OrderByDescending(c => c.At("metadata").Str("creationTimestamp"), StringComparer.Ordinal)
            .ThenBy(c => c.At("metadata").Str("name"), StringComparer.Ordinal)
            .FirstOrDefault();

    public static bool WaitsForFirstConsumer(JsonObject? storageClass) => storageClass.Str("volumeBindingMode") == "WaitForFirstConsumer";

    private static ResourceType Type(ResourceCatalog catalog) => catalog.Find("storage.k8s.io", "v1", "storageclasses")!;
}
