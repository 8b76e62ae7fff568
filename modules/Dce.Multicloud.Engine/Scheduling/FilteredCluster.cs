namespace Dce.Multicloud.Engine.Scheduling;

/// <summary>A cluster left out of a decision, and why.</summary>
public sealed record FilteredCluster(string Name, string Reason);
