using System.Text.RegularExpressions;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Kubernetes name rules: DNS-1123 labels (namespaces, services, containers) and subdomains (most objects).</summary>
public static partial class KubernetesNames
{
    /// <summary>Why <paramref name="name"/> is not a DNS-1123 label, or null when it is one.</summary>
    public static string? LabelError(string? name) =>
        string.IsNullOrEmpty(name) ? "is required"
        : name.Length > 63 ? "must be no more than 63 characters"
        : Label().IsMatch(name) ? null
        : "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";

    /// <summary>Why <paramref name="name"/> is not a DNS-1123 subdomain, or null when it is one.</summary>
    public static string? SubdomainError(string? name) =>
        string.IsNullOrEmpty(name) ? "is required"
        : name.Length > 253 ? "must be no more than 253 characters"
        : Subdomain().IsMatch(name) ? null
        : "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
