using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dce.Multicloud.Engine.Model;

/// <summary>The serializer options that read and write Karmada's objects as its CRDs spell them (camelCase, enums as Karmada's strings).</summary>
public static class KarmadaJson
{
    /// <summary>Options for <see cref="JsonSerializer"/>: camelCase names, nulls left out, numbers only as numbers.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
    };
}
