namespace Dce.Multicloud.Engine.Model;

/// <summary>A cluster of a scheduling result and the replicas it runs (Karmada's <c>TargetCluster</c>).</summary>
public sealed record TargetCluster(string Name, int Replicas);
