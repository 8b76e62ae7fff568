using System.Text.Json.Nodes;

namespace Dce.KubeSim.Authorization;

/// <summary>One RBAC rule, matched against request attributes as the RBAC authorizer does.</summary>
public sealed record PolicyRule(IReadOnlyList<string> Verbs, IReadOnlyList<string> ApiGroups, IReadOnlyList<string> Resources,
    IReadOnlyList<string> ResourceNames, IReadOnlyList<string> NonResourceUrls)
{
    public const string All = "*";

    public static PolicyRule FromJson(JsonNode? rule) => new(
        Strings(rule?["verbs"]), Strings(rule?["apiGroups"]), Strings(rule?["resources"]),
        Strings(rule?["resourceNames"]), Strings(rule?["nonResourceURLs"]));

    public static IReadOnlyList<PolicyRule> ListFromJson(JsonNode? rules) =>
        (rules as JsonArray ?? []).Select(FromJson).ToList();

    public bool Allows(RequestAttributes request) => request.IsResourceRequest
        ? VerbMatches(request.Verb) && GroupMatches(request.ApiGroup) && ResourceMatches(request) && NameMatches(request.Name)
        : VerbMatches(request.Verb) && UrlMatches(request.Path);

    public JsonObject ToResourceRuleJson() => Compact(new JsonObject
    {
        ["verbs"] = Array(Verbs), ["apiGroups"] = Array(ApiGroups), ["resources"] = Array(Resources), ["resourceNames"] = Array(ResourceNames),
    });

    public JsonObject ToNonResourceRuleJson() => new() { ["verbs"] = Array(Verbs), ["nonResourceURLs"] = Array(NonResourceUrls) };

    /// <summary>The API server's compact form of a rule, as escalation errors print it.</summary>
    public string CompactString()
    {
        var parts = new List<string>();
        Add(parts, "APIGroups", ApiGroups);
        Add(parts, "Resources", Resources);
        Add(parts, "NonResourceURLs", NonResourceUrls);
        Add(parts, "ResourceNames", ResourceNames);
        Add(parts, "Verbs", Verbs);
        return "{" + string.Join(", ", parts) + "}";
    }

    public static string Quoted(IEnumerable<string> values) => "[" + string.Join(" ", values.Select(v => "\"" + v + "\"")) + "]";

    private bool VerbMatches(string verb) => Verbs.Contains(All) || Verbs.Contains(verb);

    private bool GroupMatches(string group) => ApiGroups.Contains(All) || ApiGroups.Contains(group);

    private bool ResourceMatches(RequestAttributes request)
    {
        var combined = request.ResourceWithSubresource;
        foreach (var resource in Resources)
        {
            if (resource == All || resource == combined)
            {
                return true;
            }
            if (request.Subresource.Length > 0 && resource == "*/" + request.Subresource)
            {
                return true;
            }
        }
        return false;
    }

    private bool NameMatches(string name) => ResourceNames.Count == 0 || ResourceNames.Contains(name);

    private bool UrlMatches(string path) => NonResourceUrls.Any(url =>
        url == All || url == path || (url.EndsWith('*') && path.StartsWith(url[..^1], StringComparison.Ordinal)));

    private static void Add(List<string> parts, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            parts.Add(name + ":" + Quoted(values));
        }
    }

    private static JsonObject Compact(JsonObject obj)
    {
        foreach (var key in obj.Where(p => p.Value is JsonArray { Count: 0 }).Select(p => p.Key).ToList())
        {
            obj.Remove(key);
        }
        return obj;
    }

    private static JsonArray Array(IReadOnlyList<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(v => v?.ToString() ?? "").ToList() ?? [];
}
