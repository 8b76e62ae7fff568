namespace Dce.Multicloud.Propagation.Api;

/// <summary>One kind of object of a Kubernetes API: where its collection lives and whether it is namespaced.</summary>
public sealed record ResourceKind(string Group, string Version, string Plural, string Kind, bool Namespaced = true)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The collection's path; across every namespace when <paramref name="ns"/> is null.</summary>
    public string CollectionPath(string? ns) =>
        Group.Length == 0 ? $"api/{Version}/{Scope(ns)}{Plural}" : $"apis/{Group}/{Version}/{Scope(ns)}{Plural}";

    public string ObjectPath(string? ns, string name) => $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";

    private string Scope(string? ns) => Namespaced && ns is not null ? $"namespaces/{Uri.EscapeDataString(ns)}/" : "";

    public override string ToString() => $"{Plural}.{Group}";
}
