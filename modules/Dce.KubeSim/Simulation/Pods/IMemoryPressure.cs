namespace Dce.KubeSim.Simulation.Pods;

/// <summary>
/// Whether a running container uses more memory than its limit, so the kernel kills it (<c>OOMKilled</c>, exit code
/// 137). A usage model plugs in here; without one only the <c>kubesim.dce.io/oom-after</c> convention kills.
/// </summary>
public interface IMemoryPressure
{
    bool OverLimit(string ns, string pod, string container, DateTime now);
}
