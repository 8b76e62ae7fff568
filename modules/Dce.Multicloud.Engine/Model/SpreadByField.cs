using System.Text.Json.Serialization;

namespace Dce.Multicloud.Engine.Model;

/// <summary>The cluster field a spread constraint groups clusters by.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SpreadByField>))]
public enum SpreadByField
{
    [JsonStringEnumMemberName("cluster")]
    Cluster,

    [JsonStringEnumMemberName("region")]
    Region,

    [JsonStringEnumMemberName("zone")]
    Zone,

    [JsonStringEnumMemberName("provider")]
    Provider,
}
