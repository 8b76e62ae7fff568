using System.Text.Json.Serialization;

namespace Dce.Multicloud.Engine.Model;

/// <summary>How the application left behind on a failed-over cluster is removed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PurgeMode>))]
public enum PurgeMode
{
    Directly,
    Gracefully,
    Never,
}
