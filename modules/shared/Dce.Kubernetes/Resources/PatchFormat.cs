namespace Dce.Kubernetes.Resources;

/// <summary>How a patch is read by the cluster.</summary>
public enum PatchFormat
{
    StrategicMerge,
    Merge,
    Json,

    /// <summary>Server-side apply: the object as its manager wants it, YAML or JSON.</summary>
    Apply,
}

public static class PatchFormats
{
    public static string ContentType(this PatchFormat format) => format switch
    {
        PatchFormat.Merge => "application/merge-patch+json",
        PatchFormat.Json => "application/json-patch+json",
        PatchFormat.Apply => "application/apply-patch+yaml",
        _ => "application/strategic-merge-patch+json",
    };

    /// <summary>The format a request's content type names; strategic merge when it names none of the patch types.</summary>
    public static PatchFormat FromContentType(string? contentType) => contentType?.Split(';')[0].Trim() switch
    {
        "application/merge-patch+json" => PatchFormat.Merge,
        "application/json-patch+json" => PatchFormat.Json,
        _ => PatchFormat.StrategicMerge,
    };
}
