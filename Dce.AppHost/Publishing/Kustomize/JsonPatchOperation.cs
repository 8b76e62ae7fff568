using System.Text.Json.Serialization;

namespace Dce.AppHost.Publishing.Kustomize;

/// <summary>One RFC 6902 operation of a patch file.</summary>
public sealed class JsonPatchOperation
{
    /// <summary>add, remove or replace.</summary>
    [JsonPropertyName("op")]
    public string Op { get; set; } = "";

    /// <summary>The JSON pointer.</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    /// <summary>The value (absent for remove).</summary>
    [JsonPropertyName("value")]
    public object? Value { get; set; }

    /// <summary>Adds (or replaces) <paramref name="value"/> at <paramref name="path"/>.</summary>
    public static JsonPatchOperation Add(string path, object value) => new() { Op = "add", Path = path, Value = value };

    /// <summary>Replaces the value at <paramref name="path"/>.</summary>
    public static JsonPatchOperation Replace(string path, object value) => new() { Op = "replace", Path = path, Value = value };

    /// <summary>Removes the value at <paramref name="path"/>.</summary>
    public static JsonPatchOperation Remove(string path) => new() { Op = "remove", Path = path };

    /// <summary>Escapes a key for a JSON pointer (<c>kubernetes.io/arch</c> → <c>kubernetes.io~1arch</c>).</summary>
    public static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
