namespace Dce.Multicloud.Access;

/// <summary>Where in one instance the caller may do an action: everywhere, or in the listed namespaces only.</summary>
internal sealed record InstanceScope(bool Whole, IReadOnlySet<string> Namespaces)
{
    public static InstanceScope Nothing { get; } = new(false, new HashSet<string>());

    public bool Covers(string? ns) => Whole || (ns is not null && Namespaces.Contains(ns));

    public bool IsEmpty => !Whole && Namespaces.Count == 0;
}
