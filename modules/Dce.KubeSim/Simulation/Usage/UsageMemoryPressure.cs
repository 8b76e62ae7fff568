using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Simulation.Pods;

namespace Dce.KubeSim.Simulation.Usage;

/// <summary>
/// The kubelet's view of memory pressure from the usage model: a container whose load takes it past its memory limit
/// is OOM-killed. The model is read once per kubelet pass, and only when some load could pass a limit (the default
/// share of the request never does).
/// </summary>
public sealed class UsageMemoryPressure(SimulatedCluster cluster) : IMemoryPressure
{
    private DateTime readAt;
    private UsageModel? model;

    public bool OverLimit(string ns, string pod, string container, DateTime now)
    {
        if (cluster.Store.Get(cluster.Type("", "pods").StorageKey, ns, pod) is not { } stored || !MayPassLimit(stored))
        {
            return false;
        }
        if (model is null || readAt != now)
        {
            model = UsageModel.Of(cluster);
            readAt = now;
        }
        return model.Pod(stored)?.Containers.Any(c => c.Name == container && c.MemoryOverLimit) == true;
    }

    private bool MayPassLimit(StoredObject pod) =>
        !cluster.Load.IsEmpty || pod.Parse().At("metadata.annotations").StringMap().ContainsKey(UsageModel.MemoryLoadAnnotation);
}
