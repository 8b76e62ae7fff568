using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery.Versions;

/// <summary>
/// One resource, several served versions, one storage: objects are stored in the version without a converter and
/// every other served version converts on the way in and out (reads, lists, watches, writes and patches).
/// </summary>
public static class ServedVersions
{
    public static bool Converts(ResourceType type) => type.Converter is not null;

    /// <summary>The type objects of <paramref name="type"/> are stored as: itself unless it converts.</summary>
    public static ResourceType StorageOf(ResourceCatalog catalog, ResourceType type) => type.Converter is null
        ? type
        : catalog.All.First(t => t.StorageKey == type.StorageKey && t.Converter is null);

    /// <summary>A stored object's bytes as <paramref name="type"/> serves it.</summary>
    public static byte[] Bytes(ResourceType type, StoredObject stored) =>
        type.Converter is { } converter ? Json.ToBytes(converter.ToServed(stored.Parse())) : stored.Json;

    public static JsonObject ToServed(ResourceType type, JsonObject stored) =>
        type.Converter is { } converter ? converter.ToServed(stored) : stored;

    /// <summary>A request body in <paramref name="type"/>'s version turned into the storage version.</summary>
    public static JsonObject ToStorage(ResourceType type, JsonObject served)
    {
        if (type.Converter is not { } converter)
        {
            return served;
        }
        var apiVersion = served.Str("apiVersion");
        var kind = served.Str("kind");
        if ((apiVersion is not null && apiVersion != type.ApiVersion) || (kind is not null && kind != type.Kind))
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }
        served["apiVersion"] = type.ApiVersion;
        served["kind"] = type.Kind;
        return converter.ToStorage(served);
    }
}
