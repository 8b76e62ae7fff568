using System.Text.Json.Nodes;

namespace Dce.ContainerManagement.Kubernetes.Rbac;

/// <summary>
/// Whether rules someone holds cover the rules they want to grant, as Kubernetes' escalation check asks it: every
/// verb on every resource (and resource name) of every API group of a wanted rule must be allowed by one held rule.
/// Only resource rules count: a grant in a namespace carries no non-resource URLs.
/// </summary>
public static class RuleCoverage
{
    /// <summary>The first wanted rule the held rules do not cover, described for a refusal; null when all are covered.</summary>
    public static string? FirstUncovered(IReadOnlyList<JsonObject> held, IEnumerable<JsonObject> wanted)
    {
        foreach (var rule in wanted)
        {
            var groups = Strings(rule, "apiGroups");
            var resources = Strings(rule, "resources");
            var names = Strings(rule, "resourceNames");
            foreach (var verb in Strings(rule, "verbs"))
            {
                foreach (var group in groups)
                {
                    foreach (var resource in resources)
                    {
                        var covered = names.Count == 0
                            ? held.Any(h => Allows(h, verb, group, resource, null))
                            : names.All(name => held.Any(h => Allows(h, verb, group, resource, name)));
                        if (!covered)
                        {
                            var groupText = group.Length == 0 ? "core" : group;
                            return $"{verb} {resource} (API group {groupText}{(names.Count > 0 ? $", names {string.Join(", ", names)}" : "")})";
                        }
                    }
                }
            }
        }

        return null;
    }

    private static bool Allows(JsonObject rule, string verb, string group, string resource, string? name)
    {
        var names = Strings(rule, "resourceNames");
        return Matches(Strings(rule, "verbs"), verb)
            && Matches(Strings(rule, "apiGroups"), group)
            && (Matches(Strings(rule, "resources"), resource) || SubresourceWildcard(Strings(rule, "resources"), resource))
            && (names.Count == 0 || (name is not null && names.Contains(name, StringComparer.Ordinal)));
    }

    private static bool Matches(IReadOnlyList<string> allowed, string value) =>
        allowed.Contains("*", StringComparer.Ordinal) || allowed.Contains(value, StringComparer.Ordinal);

    // "pods/*" allows every subresource of pods, "*/scale" one subresource of every resource.
    private static bool SubresourceWildcard(IReadOnlyList<string> allowed, string resource)
    {
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        return allowed.Contains($"{resource[..slash]}/*", StringComparer.Ordinal) || allowed.Contains($"*/{resource[(slash + 1)..]}", StringComparer.Ordinal);
    }

    internal static IReadOnlyList<string> Strings(JsonObject rule, string field) =>
        rule[field] is JsonArray values ? [.. values.Select(v => v?.ToString() ?? "")] : [];

    /// <summary>The rules of a Role or ClusterRole object.</summary>
    public static IReadOnlyList<JsonObject> RulesOf(JsonObject role) =>
        role["rules"] is JsonArray rules ? [.. rules.OfType<JsonObject>()] : [];
}
