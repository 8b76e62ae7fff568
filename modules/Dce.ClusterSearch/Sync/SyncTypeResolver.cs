using System.Net;
using System.Text.Json.Nodes;
using Dce.ClusterSearch.Apis;
using Dce.ClusterSearch.Model;
using Dce.Kubernetes.Names;

namespace Dce.ClusterSearch.Sync;

/// <summary>
/// Turns a cluster's sync settings into the types to sync, as the cluster's own discovery serves them (<c>/api/v1</c>,
/// <c>/apis/{group}</c>, <c>/apis/{group}/{version}</c>) and its CustomResourceDefinitions. Strict (for an API caller) an entry
/// the cluster does not serve is refused; lenient (for the sync) it is skipped, since the cluster may have changed since.
/// What a cluster serves is untrusted: a type whose names are not Kubernetes names is no type, a discovery document is read
/// up to <see cref="MaxDocumentBytes"/>, and one cluster's settings resolve to at most <see cref="MaxTypes"/> types (each
/// is a list and a watch held open).
/// </summary>
internal static class SyncTypeResolver
{
    public const int MaxTypes = 500;
    public const int MaxDocumentBytes = 16 * 1024 * 1024;
    private const string CustomResourceDefinitions = "apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    public static async Task<IReadOnlyList<ResourceType>> ResolveAsync(ClusterConnection connection, ClusterSyncSettings settings, bool strict,
        CancellationToken cancellationToken)
    {
        var chosen = new Dictionary<(string Group, string Resource), ResourceType>();
        for (var index = 0; index < settings.Resources.Count; index++)
        {
            try
            {
                foreach (var type in await ResolveChoiceAsync(connection, settings.Resources[index], cancellationToken))
                {
                    chosen.TryAdd((type.Group, type.Resource), type);
                }
            }
            catch (SyncSettingsRefusal refusal) when (strict)
            {
                throw new SyncSettingsRefusal($"syncResources[{index}]", refusal.Message);
            }
            catch (SyncSettingsRefusal)
            {
                // The cluster no longer serves this entry: the others are synced.
            }
        }

        if (settings.SyncAllCustomResources)
        {
            foreach (var type in await CustomResourceTypesAsync(connection, cancellationToken))
            {
                chosen.TryAdd((type.Group, type.Resource), type);
            }
        }

        if (chosen.Count > MaxTypes && strict)
        {
            throw new SyncSettingsRefusal("syncResources", $"These settings choose {chosen.Count} types on this cluster; at most {MaxTypes} are synced per cluster. Name the types instead of \"*\" or of every custom resource.");
        }

        return [.. chosen.Values.Take(MaxTypes)];
    }

    /// <summary>Names a Kubernetes API server can serve; anything else a cluster advertises is not synced.</summary>
    private static bool IsWellFormed(ResourceType type) =>
        (type.Group.Length == 0 || KubernetesNames.IsSubdomain(type.Group)) && SyncSettingsInput.Version().IsMatch(type.Version)
        && KubernetesNames.IsLabel(type.Resource) && type.Kind is { Length: > 0 and <= 63 } && type.Kind.All(char.IsAsciiLetterOrDigit);

    private static async Task<IEnumerable<ResourceType>> ResolveChoiceAsync(ClusterConnection connection, SyncResourceChoice choice, CancellationToken cancellationToken)
    {
        var versions = choice.Versions.Count > 0 ? choice.Versions : [await PreferredVersionAsync(connection, choice.Group, cancellationToken)];
        var served = new List<ResourceType>();
        foreach (var version in versions)
        {
            var path = choice.Group.Length == 0 ? $"api/{version}" : $"apis/{choice.Group}/{version}";
            var list = await GetAsync(connection, path, cancellationToken)
                ?? throw new SyncSettingsRefusal(null, $"the cluster does not serve {(choice.Group.Length == 0 ? version : choice.Group + "/" + version)}");
            served.AddRange(ListableTypes(list, choice.Group, version).Where(t => !served.Any(s => s.Resource == t.Resource)));
        }

        if (choice.Resources.Contains(SyncResourceChoice.AllResources))
        {
            return served;
        }

        return choice.Resources.Select(resource => served.FirstOrDefault(t => t.Resource == resource)
            ?? throw new SyncSettingsRefusal(null, $"the cluster does not serve {resource} in {(choice.Group.Length == 0 ? "the core group" : choice.Group)} {string.Join(", ", versions)}"));
    }

    private static async Task<string> PreferredVersionAsync(ClusterConnection connection, string group, CancellationToken cancellationToken)
    {
        if (group.Length == 0)
        {
            return "v1";
        }

        var document = await GetAsync(connection, $"apis/{group}", cancellationToken)
            ?? throw new SyncSettingsRefusal(null, $"the cluster does not serve the API group {group}");
        return document["preferredVersion"]?["version"]?.GetValue<string>()
            ?? throw new SyncSettingsRefusal(null, $"the cluster names no preferred version of {group}; give versions");
    }

    /// <summary>The types of a discovery list that can be listed and watched; subresources (<c>pods/log</c>) are not types.</summary>
    private static IEnumerable<ResourceType> ListableTypes(JsonNode list, string group, string version) =>
        (list["resources"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(r => r["name"]?.GetValue<string>() is { } name && !name.Contains('/', StringComparison.Ordinal))
            .Where(r => r["verbs"] is not JsonArray verbs || (verbs.Any(v => v?.GetValue<string>() == "list") && verbs.Any(v => v?.GetValue<string>() == "watch")))
            .Select(r => new ResourceType(group, version, r["name"]!.GetValue<string>(), r["kind"]?.GetValue<string>() ?? "",
                r["namespaced"]?.GetValue<bool>() ?? false))
            .Where(IsWellFormed);

    /// <summary>Each CustomResourceDefinition's type, in its storage version (the one every served version converts to).</summary>
    private static async Task<IEnumerable<ResourceType>> CustomResourceTypesAsync(ClusterConnection connection, CancellationToken cancellationToken)
    {
        var list = await GetAsync(connection, CustomResourceDefinitions, cancellationToken);
        return (list?["items"] as JsonArray ?? []).OfType<JsonObject>().Select(crd => crd["spec"]).OfType<JsonObject>().Select(spec =>
        {
            var versions = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().Where(v => v["served"]?.GetValue<bool>() != false).ToList();
            var version = versions.FirstOrDefault(v => v["storage"]?.GetValue<bool>() == true) ?? versions.FirstOrDefault();
            var names = spec["names"];
            return version is null ? null : new ResourceType(spec["group"]?.GetValue<string>() ?? "", version["name"]?.GetValue<string>() ?? "",
                names?["plural"]?.GetValue<string>() ?? "", names?["kind"]?.GetValue<string>() ?? "", spec["scope"]?.GetValue<string>() != "Cluster");
        }).OfType<ResourceType>().Where(t => t.Group.Length > 0 && IsWellFormed(t));
    }

    /// <summary>The document at <paramref name="path"/>; null when the cluster does not serve it.</summary>
    private static async Task<JsonNode?> GetAsync(ClusterConnection connection, string path, CancellationToken cancellationToken)
    {
        using var response = await connection.GetAsync(path, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (document.Length + read > MaxDocumentBytes)
            {
                throw new InvalidOperationException($"The cluster's {path} is larger than {MaxDocumentBytes / (1024 * 1024)} MiB.");
            }

            document.Write(buffer, 0, read);
        }

        return JsonNode.Parse(document.ToArray());
    }
}
