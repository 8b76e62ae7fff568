using System.Text.Json.Nodes;
using static Dce.Testing.Contract.ContractWalk;
using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>
/// Custom resources by group, version and resource: a namespaced one and a cluster-scoped one, each created from YAML,
/// listed, read, read as JSON, replaced, its status replaced, patched and deleted; the namespaced one also listed across
/// the cluster.
/// </summary>
internal sealed class CustomResourcesWalk : IContractWalkStep
{
    private const string Group = "crwalk.dce.io";

    public int Order => 20;

    public async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var definitions = $"{target.ClusterPath}/customresourcedefinitions";
        await walk.CallAsync(HttpMethod.Post, definitions, Data(CustomResourceDefinitions.Of(Group, "gadgets", "Gadget", "v1")));
        await walk.CallAsync(HttpMethod.Post, definitions, Data(CustomResourceDefinitions.Of(Group, "realms", "Realm", "v1", namespaced: false)));

        var gvr = $"{target.ClusterPath}/gvr/{Group}/v1";
        await Walk(walk, $"{gvr}/namespaces/{target.Namespace}/gadgets", "Gadget", "blue", acrossCluster: $"{gvr}/gadgets");
        await Walk(walk, $"{gvr}/realms", "Realm", "north", acrossCluster: null);
        await CustomResourceRefusals.CheckAsync(target, Group, $"{gvr}/namespaces/{target.Namespace}/gadgets", $"{gvr}/realms");

        await walk.DeleteAsync($"{definitions}/gadgets.{Group}");
        await walk.DeleteAsync($"{definitions}/realms.{Group}");
    }

    private static async Task Walk(ContractWalk walk, string collection, string kind, string name, string? acrossCluster)
    {
        await walk.CallAsync(HttpMethod.Post, collection, Data($$"""
            apiVersion: {{Group}}/v1
            kind: {{kind}}
            metadata:
              name: {{name}}
              labels: {app: walk}
            spec:
              size: 3
            """));
        await walk.GetAsync($"{collection}?showDetail=true&labelSelector=app%3Dwalk");
        if (acrossCluster is not null)
        {
            await walk.GetAsync(acrossCluster);
        }

        var item = $"{collection}/{name}";
        await walk.GetAsync(item);
        var json = await walk.GetAsync($"{item}/json");
        if (json?["data"]?.GetValue<string>() is { } data && JsonNode.Parse(data) is JsonObject current)
        {
            current["spec"] = new JsonObject { ["size"] = 5 };
            current["metadata"]!.AsObject().Remove("resourceVersion");
            await walk.CallAsync(HttpMethod.Put, item, Data(current.ToJsonString()));
            current["status"] = new JsonObject { ["phase"] = "Ready" };
            await walk.CallAsync(HttpMethod.Put, $"{item}/status", Data(current.ToJsonString()));
        }

        await walk.CallAsync(HttpMethod.Patch, item, new { patchType = "PATCH_TYPE_MERGE", data = """{"metadata":{"labels":{"tier":"gold"}}}""" });
        await walk.DeleteAsync($"{item}?deletionPropagation=Background");
    }
}
