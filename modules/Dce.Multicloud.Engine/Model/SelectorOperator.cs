using System.Text.Json.Serialization;

namespace Dce.Multicloud.Engine.Model;

/// <summary>The operators of label and field selector expressions.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelectorOperator>))]
public enum SelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
}
