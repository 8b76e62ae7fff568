using k8s;
using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>
/// Pods of the walk's Deployment: listed in the namespace (also by owning workload and status), in the cluster and
/// across clusters, read, its containers and its log read, and deleted.
/// </summary>
internal sealed class PodsWalk : IContractWalkStep
{
    public int Order => 30;

    public async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var (clusterPath, nsPath) = (target.ClusterPath, target.NamespacePath);
        var pod = await WalkWorkload.RunningPodAsync(target);
        using (var kube = target.Fixture.Kube())
        {
            await Dce.Testing.Eventually.Until(async () =>
            {
                using var log = await kube.CoreV1.ReadNamespacedPodLogAsync(pod, target.Namespace);
                using var reader = new StreamReader(log);
                return (await reader.ReadToEndAsync()).Length > 0;
            }, "the pod's first log lines");
        }

        await walk.GetAsync($"{nsPath}/pods");
        var owned = await walk.GetAsync($"{nsPath}/pods?kind=Deployment&kindName={WalkWorkload.Name}&status=FILTER_POD_STATUS_RUNNING&phase=Running");
        Assert.Contains(pod, owned?["items"]?.AsArray().Select(p => p?["metadata"]?["name"]?.GetValue<string>()) ?? []);
        await walk.GetAsync($"{clusterPath}/pods?namespace={target.Namespace}");
        await walk.GetAsync($"{KpandaContract.Root}/asl/pods?cluster={target.Cluster}&namespace={target.Namespace}");
        var described = await walk.GetAsync($"{nsPath}/pods/{pod}");
        Assert.Equal("DEPLOYMENT", described?["status"]?["ownedBy"]?["kind"]?.GetValue<string>());
        await walk.GetAsync($"{nsPath}/pods/{pod}/containers");
        var log = await walk.GetAsync($"{nsPath}/pods/{pod}/log?tailLines=5&container=web");
        Assert.InRange(log?["data"]?.AsArray().Count ?? 0, 1, 5);
        await walk.DeleteAsync($"{nsPath}/pods/{pod}");
    }
}
