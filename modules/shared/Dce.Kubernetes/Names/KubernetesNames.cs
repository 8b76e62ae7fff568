using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Dce.Kubernetes.Names;

/// <summary>
/// Kubernetes' name rules: DNS-1123 labels (namespaces, services, containers), DNS-1123 subdomains (most objects)
/// and label keys and values, with the texts the API server gives when one is broken.
/// </summary>
public static partial class KubernetesNames
{
    public const int LabelMaxLength = 63;
    public const int SubdomainMaxLength = 253;

    public const string LabelRule = "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    public const string SubdomainRule = "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    /// <summary>The API server's message for a name that is not a DNS-1123 label.</summary>
    public const string LabelMessage = "a lowercase RFC 1123 label " + LabelRule + " (e.g. 'my-name',  or '123-abc', regex used for validation is '" + LabelPattern + "')";

    /// <summary>The API server's message for a name that is not a DNS-1123 subdomain.</summary>
    public const string SubdomainMessage = "a lowercase RFC 1123 subdomain " + SubdomainRule + " (e.g. 'example.com', regex used for validation is '" + SubdomainPattern + "')";

    private const string LabelPattern = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string SubdomainPattern = LabelPattern + "(\\." + LabelPattern + ")*";
    private const string QualifiedNamePattern = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";

    public static bool IsLabel([NotNullWhen(true)] string? name) => name is { Length: > 0 and <= LabelMaxLength } && Label().IsMatch(name);

    public static bool IsSubdomain([NotNullWhen(true)] string? name) => name is { Length: > 0 and <= SubdomainMaxLength } && Subdomain().IsMatch(name);

    /// <summary>A label key: a name of at most 63 characters, optionally behind a DNS subdomain prefix and '/'.</summary>
    public static bool IsLabelKey(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        return IsQualifiedName(name) && (slash < 0 || IsSubdomain(key[..slash]));
    }

    /// <summary>A label value: empty, or a name of at most 63 characters.</summary>
    public static bool IsLabelValue(string value) => value.Length == 0 || IsQualifiedName(value);

    /// <summary>Why <paramref name="name"/> is not a DNS-1123 label, or null when it is one.</summary>
    public static string? LabelError(string? name) =>
        string.IsNullOrEmpty(name) ? "is required"
        : name.Length > LabelMaxLength ? $"must be no more than {LabelMaxLength} characters"
        : Label().IsMatch(name) ? null
        : LabelRule;

    /// <summary>Why <paramref name="name"/> is not a DNS-1123 subdomain, or null when it is one.</summary>
    public static string? SubdomainError(string? name) =>
        string.IsNullOrEmpty(name) ? "is required"
        : name.Length > SubdomainMaxLength ? $"must be no more than {SubdomainMaxLength} characters"
        : Subdomain().IsMatch(name) ? null
        : SubdomainRule;

    private static bool IsQualifiedName(string name) => name is { Length: > 0 and <= LabelMaxLength } && QualifiedName().IsMatch(name);

    [GeneratedRegex("^" + LabelPattern + "$")]
    private static partial Regex Label();

    [GeneratedRegex("^" + SubdomainPattern + "$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^" + QualifiedNamePattern + "$")]
    private static partial Regex QualifiedName();
}
