namespace Dce.Console.Components.Pages.Search;

/// <summary>Turns the sync settings page's checkboxes and lines into Cluster Search's <c>syncresources</c> body.</summary>
public static class SyncSettingsChoice
{
    /// <summary>The types Cluster Search syncs by default, as <c>group/resource</c> (<c>core</c> for the core group).</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
    [
        "core/namespaces", "core/nodes", "core/pods", "core/services", "core/configmaps", "core/secrets", "core/events",
        "core/persistentvolumeclaims", "apps/deployments", "apps/replicasets", "apps/statefulsets", "apps/daemonsets",
        "batch/jobs", "batch/cronjobs", "networking.k8s.io/ingresses",
    ];

    public static string Name(string group, string resource) => $"{(group.Length == 0 ? "core" : group)}/{resource}";

    /// <summary>One entry per group; a line without a slash is taken as a core type.</summary>
    public static object Body(IEnumerable<string> builtIn, string extra, bool allCustom)
    {
        var names = builtIn.Concat(extra.Split(['\n', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var entries = names.Select(Split)
            .GroupBy(n => n.Group == "core" ? "" : n.Group, StringComparer.Ordinal)
            .Select(g => new { group = g.Key, resources = g.Select(n => n.Resource).Distinct(StringComparer.Ordinal).ToArray() })
            .ToArray();
        return new { syncResources = entries, syncAllCustomResources = allCustom };
    }

    private static (string Group, string Resource) Split(string name)
    {
        var slash = name.LastIndexOf('/');
        return slash < 0 ? ("core", name) : (name[..slash], name[(slash + 1)..]);
    }
}
