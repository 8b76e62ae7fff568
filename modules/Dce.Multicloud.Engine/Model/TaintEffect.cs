using System.Text.Json.Serialization;

namespace Dce.Multicloud.Engine.Model;

/// <summary>What a cluster taint does to workloads that do not tolerate it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaintEffect>))]
public enum TaintEffect
{
    NoSchedule,
    PreferNoSchedule,
    NoExecute,
}
