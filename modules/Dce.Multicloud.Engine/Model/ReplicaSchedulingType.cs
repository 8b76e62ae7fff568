using System.Text.Json.Serialization;

namespace Dce.Multicloud.Engine.Model;

/// <summary>Whether every cluster runs all replicas or the replicas are divided among clusters.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplicaSchedulingType>))]
public enum ReplicaSchedulingType
{
    Duplicated,
    Divided,
}
