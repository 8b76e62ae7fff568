using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>Requests and limits per kind of workload; overlays scale them per target.</summary>
public static class WorkloadSizes
{
    /// <summary>A module or the gateway.</summary>
    public static V1ResourceRequirements Service() => Of("100m", "192Mi", "1", "512Mi");

    /// <summary>A migration step.</summary>
    public static V1ResourceRequirements Job() => Of("100m", "128Mi", "500m", "384Mi");

    /// <summary>A middleware server.</summary>
    public static V1ResourceRequirements Middleware() => Of("250m", "512Mi", "2", "2Gi");

    /// <summary>A small helper container (the migration wait).</summary>
    public static V1ResourceRequirements Helper() => Of("10m", "32Mi", "100m", "64Mi");

    /// <summary>Requests and limits from their quantities.</summary>
    public static V1ResourceRequirements Of(string cpuRequest, string memoryRequest, string cpuLimit, string memoryLimit) => new()
    {
        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuRequest), ["memory"] = new(memoryRequest) },
        Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuLimit), ["memory"] = new(memoryLimit) },
    };
}
