using System.Text.RegularExpressions;
using Dce.ClusterSearch.Model;
using Dce.Kubernetes.Names;

namespace Dce.ClusterSearch.Apis;

/// <summary>The body of <c>PUT .../clusters/{cluster}/syncresources</c>, as sent.</summary>
internal sealed record SyncSettingsBody(List<SyncResourceEntry?>? SyncResources, bool SyncAllCustomResources);

/// <summary>One entry of <see cref="SyncSettingsBody.SyncResources"/>; a missing group is the core group.</summary>
internal sealed record SyncResourceEntry(string? Group, List<string?>? Versions, List<string?>? Resources);

/// <summary>Checks the form of sync settings before the cluster is asked whether it serves them.</summary>
internal static partial class SyncSettingsInput
{
    public const int MaxEntries = 200;
    public const int MaxResourcesPerEntry = 200;

    /// <summary>The settings' choices, or the field at fault (<c>syncResources[2].resources</c>) and what to fix.</summary>
    public static (List<SyncResourceChoice>? Choices, string? Field, string? Error) Read(SyncSettingsBody? body)
    {
        if (body is null)
        {
            return (null, "body", "Send {\"syncResources\":[{\"group\":\"apps\",\"resources\":[\"deployments\"]}],\"syncAllCustomResources\":false}.");
        }

        var entries = body.SyncResources ?? [];
        if (entries.Count == 0 && !body.SyncAllCustomResources)
        {
            return (null, "syncResources", "Choose at least one type, or syncAllCustomResources; DELETE returns the cluster to the default types.");
        }

        if (entries.Count > MaxEntries)
        {
            return (null, "syncResources", $"At most {MaxEntries} entries; use \"*\" for every type of a group.");
        }

        var choices = new List<SyncResourceChoice>();
        for (var index = 0; index < entries.Count; index++)
        {
            var field = $"syncResources[{index}]";
            if (entries[index] is not { } entry)
            {
                return (null, field, "An entry is {\"group\":\"apps\",\"versions\":[\"v1\"],\"resources\":[\"deployments\"]}.");
            }

            var group = entry.Group ?? "";
            if (group.Length > 0 && !KubernetesNames.IsSubdomain(group))
            {
                return (null, field + ".group", $"'{group}' is not an API group name (lower-case DNS subdomain such as apps or stable.example.com; empty for the core group).");
            }

            var versions = entry.Versions ?? [];
            foreach (var version in versions)
            {
                if (version is null || !Version().IsMatch(version))
                {
                    return (null, field + ".versions", $"'{version}' is not an API version such as v1, v1beta1 or v2alpha1.");
                }
            }

            var resources = entry.Resources ?? [];
            if (resources.Count == 0)
            {
                return (null, field + ".resources", "Name at least one resource (plural, such as deployments), or \"*\" for every type of the group.");
            }

            if (resources.Count > MaxResourcesPerEntry)
            {
                return (null, field + ".resources", $"At most {MaxResourcesPerEntry} resources per entry; use \"*\" for every type of the group.");
            }

            foreach (var resource in resources)
            {
                if (resource != SyncResourceChoice.AllResources && !KubernetesNames.IsLabel(resource))
                {
                    return (null, field + ".resources", $"'{resource}' is not a resource name (the plural in lower case, such as deployments), nor \"*\".");
                }
            }

            choices.Add(new SyncResourceChoice(group, [.. versions.OfType<string>().Distinct()], [.. resources.OfType<string>().Distinct()]));
        }

        return (choices, null, null);
    }

    [GeneratedRegex("^v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?$")]
    internal static partial Regex Version();
}
