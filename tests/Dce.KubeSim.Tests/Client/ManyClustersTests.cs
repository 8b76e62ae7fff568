using System.Net.Http.Json;
using Dce.KubeSim.Tests.Infrastructure;
using k8s;

namespace Dce.KubeSim.Tests.Client;

[Collection(KubeSimCollection.Name)]
public sealed class ManyClustersTests(KubeSimServer server)
{
    [Fact]
    public async Task One_process_serves_a_hundred_clusters_each_with_its_own_kubeconfig()
    {
        using var admin = server.Http(KubeSimServer.AdminToken);
        var names = Enumerable.Range(0, 100).Select(i => $"fleet-{i:D3}").ToList();
        try
        {
            foreach (var name in names)
            {
                var profile = new
                {
                    name, provider = name.EndsWith('7') ? "edge" : "gcp", region = $"region-{name[^1]}", systemWorkloads = false,
                    nodePools = new[] { new { name = "pool", count = 2, architecture = name.EndsWith('7') ? "arm64" : "amd64" } },
                };
                (await admin.PostAsJsonAsync("/sim/clusters", profile)).EnsureSuccessStatusCode();
            }

            var last = server.Kubectl(names[^1]);
            var nodes = await last.OkAsync("get", "nodes", "-o", "jsonpath={.items[*].metadata.labels.topology\\.kubernetes\\.io/region}");
            var edge = await server.Kubectl("fleet-047").OkAsync("get", "nodes", "-o", "jsonpath={.items[0].status.nodeInfo.architecture}");
            using var client = server.Client("fleet-050");
            var namespaces = await client.CoreV1.ListNamespaceAsync();

            Assert.Equal("region-9 region-9", nodes);
            Assert.Equal("arm64", edge);
            Assert.Contains(namespaces.Items, n => n.Metadata.Name == "kube-system");
            Assert.All(names, n => Assert.True(File.Exists(server.KubeconfigPath(n))));
        }
        finally
        {
            foreach (var name in names)
            {
                await admin.DeleteAsync($"/sim/clusters/{name}");
            }
        }
    }
}
