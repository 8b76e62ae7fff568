using System.Text.RegularExpressions;

namespace Dce.ContainerManagement.Apis;

/// <summary>Kubernetes' rules for label keys (optional DNS prefix, name of 63 characters) and values.</summary>
public static partial class Labels
{
    public static bool IsValidKey(string key)
    {
        var slash = key.LastIndexOf('/');
        var prefix = slash < 0 ? null : key[..slash];
        var name = slash < 0 ? key : key[(slash + 1)..];
        return name.Length is > 0 and <= 63 && NamePart().IsMatch(name) && (prefix is null || (prefix.Length <= 253 && Subdomain().IsMatch(prefix)));
    }

    public static bool IsValidValue(string value) => value.Length == 0 || (value.Length <= 63 && NamePart().IsMatch(value));

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex NamePart();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
