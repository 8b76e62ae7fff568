using System.Text.Json.Serialization;

namespace Dce.Multicloud.Engine.Model;

/// <summary>How a toleration compares its value with a taint's.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TolerationOperator>))]
public enum TolerationOperator
{
    Equal,
    Exists,
}
