namespace Dce.Kubernetes.Manifests;

/// <summary>How large and how deep a manifest may be; YAML anchors and aliases are never accepted.</summary>
public static class ManifestLimits
{
    /// <summary>The largest manifest body, in bytes.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>The most objects one manifest may hold.</summary>
    public const int MaxDocuments = 100;

    /// <summary>The deepest nesting of mappings and sequences (or JSON objects and arrays) in a document.</summary>
    public const int MaxDepth = 64;
}
