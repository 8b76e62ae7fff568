namespace Dce.Multicloud.Engine.Scheduling;

/// <summary>The replica assignment a placement asks for, after Karmada's defaults.</summary>
internal enum ReplicaStrategy
{
    Duplicated,
    StaticWeight,
    DynamicWeight,
    Aggregated,
}
