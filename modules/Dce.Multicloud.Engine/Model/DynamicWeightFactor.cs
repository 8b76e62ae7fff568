using System.Text.Json.Serialization;

namespace Dce.Multicloud.Engine.Model;

/// <summary>What a dynamic weight is computed from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DynamicWeightFactor>))]
public enum DynamicWeightFactor
{
    AvailableReplicas,
}
