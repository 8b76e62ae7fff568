using System.Text.Json.Serialization;

namespace Dce.Multicloud.Engine.Model;

/// <summary>What an overrider does at its target.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OverriderOperator>))]
public enum OverriderOperator
{
    [JsonStringEnumMemberName("add")]
    Add,

    [JsonStringEnumMemberName("remove")]
    Remove,

    [JsonStringEnumMemberName("replace")]
    Replace,
}
