using System.Text.Json.Serialization;

namespace Dce.Multicloud.Engine.Model;

/// <summary>How divided replicas are shared: on as few clusters as possible, or by weight.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplicaDivisionPreference>))]
public enum ReplicaDivisionPreference
{
    Aggregated,
    Weighted,
}
