namespace Dce.KubeSim.Simulation.Usage;

/// <summary>One container's usage: CPU in millicores (throttled at its limit), memory in bytes (may pass its limit).</summary>
public sealed record ContainerUsage(string Name, long CpuMillis, long MemoryBytes, long? MemoryLimitBytes)
{
    public bool MemoryOverLimit => MemoryLimitBytes is { } limit && MemoryBytes > limit;
}

/// <summary>A running pod's usage, container by container.</summary>
public sealed record PodUsage(string Namespace, string Name, IReadOnlyList<ContainerUsage> Containers)
{
    public long CpuMillis => Containers.Sum(c => c.CpuMillis);
    public long MemoryBytes => Containers.Sum(c => c.MemoryBytes);

    public long Of(UsageResource resource) => resource == UsageResource.Cpu ? CpuMillis : MemoryBytes;
}

/// <summary>A node's usage: its running pods plus what the system itself takes.</summary>
public sealed record NodeUsage(string Name, long CpuMillis, long MemoryBytes);
