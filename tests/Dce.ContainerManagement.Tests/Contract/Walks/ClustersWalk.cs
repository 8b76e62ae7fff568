using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>
/// Clusters: listed, summarized, described, validated, relabelled and described anew; a second join of the walk's
/// cluster under another name from DCE's body, removed again; the cluster shared with a workspace and taken back.
/// </summary>
internal sealed class ClustersWalk : IContractWalkStep
{
    public int Order => 5;

    public async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var clusters = $"{KpandaContract.Root}/clusters";
        var kubeconfig = target.Fixture.Platform.Clusters.Kubeconfig(target.Cluster);
        await walk.GetAsync(clusters);
        await walk.GetAsync($"{KpandaContract.Root}/clustersummary");
        await walk.GetAsync(target.ClusterPath);
        await walk.CallAsync(HttpMethod.Post, $"{clusters}/validate", new { kubeConfigString = kubeconfig });
        await walk.CallAsync(HttpMethod.Post, $"{target.ClusterPath}/validate", new { });
        await walk.CallAsync(HttpMethod.Put, $"{target.ClusterPath}/labels", new { labels = new Dictionary<string, string> { ["walked"] = "yes" } });
        await walk.CallAsync(HttpMethod.Put, target.ClusterPath, new { aliasName = "Walked", region = "walk-region", zone = "walk-zone" });

        var joined = $"walk-{Guid.NewGuid():N}"[..12];
        var created = await walk.CallAsync(HttpMethod.Post, clusters, new
        {
            name = joined,
            aliasName = "Joined by the walk",
            provider = "GENERIC",
            labels = new Dictionary<string, string> { ["walk"] = "join" },
            kubeConfigString = kubeconfig,
        });
        if (created?["cluster"]?["spec"]?["aliasName"]?.GetValue<string>() != "Joined by the walk")
        {
            throw new InvalidOperationException($"the joined cluster does not carry DCE's alias: {created?.ToJsonString()}");
        }

        await walk.DeleteAsync($"{clusters}/{joined}");

        var workspace = await PlatformAccess.EmptyWorkspaceAsync(target.Fixture.Platform);
        await walk.CallAsync(HttpMethod.Post, $"{target.ClusterPath}:bind", new { workspaceId = workspace });
        await walk.CallAsync(HttpMethod.Delete, $"{target.ClusterPath}:unbind", new { workspaceId = workspace });
    }
}
