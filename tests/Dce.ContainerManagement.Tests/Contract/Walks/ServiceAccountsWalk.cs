using System.Text.Json.Nodes;
using static Dce.Testing.Contract.ContractWalk;
using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>A ServiceAccount created from YAML, read, listed in the cluster (by namespace), replaced through the cluster's path, and deleted.</summary>
internal sealed class ServiceAccountsWalk : IContractWalkStep
{
    private const string Name = "walk-robot";

    public int Order => 25;

    public async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var (clusterPath, nsPath) = (target.ClusterPath, target.NamespacePath);
        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/serviceaccounts", Data($"""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {"{"}name: {Name}{"}"}
            """));
        var account = await walk.GetAsync($"{nsPath}/serviceaccounts/{Name}");
        Assert.Equal(Name, account?["metadata"]?["name"]?.GetValue<string>());
        var listed = await walk.GetAsync($"{clusterPath}/serviceaccounts?namesapce={target.Namespace}");
        Assert.All(listed?["items"]?.AsArray() ?? [], a => Assert.Equal(target.Namespace, a?["metadata"]?["namespace"]?.GetValue<string>()));
        var replaced = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = new JsonObject { ["name"] = Name, ["labels"] = new JsonObject { ["walked"] = "yes" } },
        };
        await walk.CallAsync(HttpMethod.Put, $"{clusterPath}/serviceaccounts/{Name}", new { @namespace = target.Namespace, data = replaced.ToJsonString() });
        await walk.DeleteAsync($"{nsPath}/serviceaccounts/{Name}");
    }
}
