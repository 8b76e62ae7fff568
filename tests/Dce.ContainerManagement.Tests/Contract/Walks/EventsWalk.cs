using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>The events of the walk's namespace (of its pods, by kind and name), of the cluster, and the kinds they are about.</summary>
internal sealed class EventsWalk : IContractWalkStep
{
    public int Order => 40;

    public async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var (clusterPath, nsPath) = (target.ClusterPath, target.NamespacePath);
        var events = await walk.GetAsync($"{nsPath}/events?pageSize=1000");
        var about = events?["items"]?.AsArray().Select(e => e?["involvedObject"]).FirstOrDefault(o => o?["kind"]?.GetValue<string>() == "Pod");
        Assert.NotNull(about);
        var ofPod = await walk.GetAsync($"{nsPath}/events?kind=Pod&kindName={about!["name"]!.GetValue<string>()}&type=Normal");
        Assert.All(ofPod?["items"]?.AsArray() ?? [], e => Assert.Equal(about["name"]!.GetValue<string>(), e?["involvedObject"]?["name"]?.GetValue<string>()));
        await walk.GetAsync($"{clusterPath}/events?kind=Pod");
        var kinds = await walk.GetAsync($"{clusterPath}/events/kinds");
        Assert.Contains("Pod", kinds?["data"]?.AsArray().Select(k => k?.GetValue<string>()) ?? []);
    }
}
