using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery;

/// <summary>What every write does to a request body before it reaches the store.</summary>
public static class WritePreparation
{
    /// <summary>Whether anything outside metadata and status differs: what bumps metadata.generation.</summary>
    public static bool SpecChanged(JsonObject before, JsonObject after)
    {
        foreach (var key in before.Select(p => p.Key).Union(after.Select(p => p.Key)))
        {
            if (key is "metadata" or "status" or "apiVersion" or "kind")
            {
                continue;
            }
            if (!JsonNode.DeepEquals(before[key], after[key]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Checks apiVersion, kind, namespace and the body's shape, and fills the name from generateName.</summary>
    public static void Prepare(ResourceType type, string ns, JsonObject body, WriteOptions options)
    {
        var apiVersion = body.Str("apiVersion");
        var kind = body.Str("kind");
        if ((apiVersion is not null && apiVersion != type.ApiVersion) || (kind is not null && kind != type.Kind))
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})"
                + (kind is not null && kind != type.Kind ? $" or kind {kind} is not {type.Kind}" : ""));
        }
        body["apiVersion"] = type.ApiVersion;
        body["kind"] = type.Kind;
        if (body["metadata"] is not null and not JsonObject)
        {
            throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: metadata must be an object");
        }
        var meta = body.Metadata();
        if (type.Namespaced)
        {
            var bodyNs = meta.Str("namespace");
            if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
            {
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
            meta["namespace"] = ns;
        }
        else
        {
            meta.Remove("namespace");
        }
        if (string.IsNullOrEmpty(meta.Str("name")) && meta.Str("generateName") is { Length: > 0 } prefix)
        {
            meta["name"] = prefix + Guid.NewGuid().ToString("N")[..5];
        }
        var unknown = SchemaCheck.Check(type, body, options.StrictFields);
        if (options.WarnFields)
        {
            options.Warnings.AddRange(unknown.Select(field => $"unknown field \"{field}\"").Except(options.Warnings).ToList());
        }
    }
}
