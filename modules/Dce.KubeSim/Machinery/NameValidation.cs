using System.Text.RegularExpressions;

namespace Dce.KubeSim.Machinery;

/// <summary>The name rules the API server applies: RFC 1123 subdomains for most objects, labels for some.</summary>
public static partial class NameValidation
{
    private static readonly HashSet<string> LabelNamed = new(StringComparer.Ordinal) { "namespaces", "services" };

    public static string? Problem(ResourceType type, string name)
    {
        if (name.Length == 0)
        {
            return null;
        }
        if (type.IsCustom || type.Plural is "nodes" or "customresourcedefinitions" || type.Group == "rbac.authorization.k8s.io")
        {
            return name.Contains('/', StringComparison.Ordinal) || name is "." or ".." ? "may not contain '/'" : null;
        }
        if (LabelNamed.Contains(type.Plural))
        {
            return name.Length <= 63 && Label().IsMatch(name)
                ? null
                : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
        }
        return name.Length <= 253 && Subdomain().IsMatch(name)
            ? null
            : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    }

    public static bool IsLabelValue(string value) => value.Length <= 63 && (value.Length == 0 || LabelValue().IsMatch(value));

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}
