namespace Dce.Multicloud.Engine.Scheduling;

/// <summary>One party of a weighted division: a cluster, its weight and the replicas it had before (to keep ties stable).</summary>
internal readonly record struct WeightedShare(string Name, long Weight, int Previous);
