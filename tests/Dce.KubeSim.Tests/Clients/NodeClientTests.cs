using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Clients;

/// <summary><c>@kubernetes/client-node</c> against a cluster's kubeconfig.</summary>
[Collection(KubeSimCollection.Name)]
public sealed class NodeClientTests(KubeSimServer server, NodeScenario scenario) : IClassFixture<NodeScenario>
{
    [Fact]
    public async Task The_node_client_lists_creates_patches_scales_watches_and_reads_logs_and_custom_objects()
    {
        var ns = "node-" + Guid.NewGuid().ToString("N")[..8];

        var result = await ScriptRun.RunAsync("node", [Path.Combine(scenario.Folder, "scenario.mjs"), server.KubeconfigPath(), ns],
            scenario.Folder, TimeSpan.FromMinutes(3));

        result.AssertSucceeded();
        Assert.Contains("scenario passed", result.Output, StringComparison.Ordinal);
    }
}
