using Dce.KubeSim.Tests.Authorization;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Metrics;

[Collection(KubeSimCollection.Name)]
public sealed class MetricsAuthorizationTests(KubeSimServer server)
{
    [Fact]
    public async Task A_service_account_scrapes_once_granted_nodes_proxy_services_proxy_and_the_metrics_url()
    {
        var admin = server.Kubectl();
        var ns = Manifests.UniqueNamespace("scraper");
        await admin.OkAsync("create", "namespace", ns);
        var scraper = await ServiceAccountKubeconfig.CreateAsync(server, ns, "prometheus");
        var node = (await admin.OkAsync("get", "nodes", "-o", "jsonpath={.items[0].metadata.name}")).Trim();
        string[] paths = ["/metrics", Scrapes.Kubelet(node), Scrapes.Cadvisor(node), Scrapes.KubeStateMetrics];
        var user = $"system:serviceaccount:{ns}:prometheus";

        var refused = new List<KubectlResult>();
        foreach (var path in paths)
        {
            refused.Add(await scraper.RunAsync("get", "--raw", path));
        }
        await admin.OkAsync("create", "clusterrole", $"scrape-{ns}", "--verb=get", "--resource=nodes/proxy,services/proxy");
        await admin.OkAsync("create", "clusterrole", $"scrape-url-{ns}", "--verb=get", "--non-resource-url=/metrics");
        await admin.OkAsync("create", "clusterrolebinding", $"scrape-{ns}", $"--clusterrole=scrape-{ns}", $"--serviceaccount={ns}:prometheus");
        await admin.OkAsync("create", "clusterrolebinding", $"scrape-url-{ns}", $"--clusterrole=scrape-url-{ns}", $"--serviceaccount={ns}:prometheus");

        Assert.All(refused, r => Assert.Contains("(Forbidden)", r.Error, StringComparison.Ordinal));
        Assert.Contains($"User \"{user}\" cannot get path \"/metrics\"", refused[0].Error, StringComparison.Ordinal);
        Assert.Contains($"User \"{user}\" cannot get resource \"nodes/proxy\" in API group \"\" at the cluster scope", refused[1].Error, StringComparison.Ordinal);
        Assert.Contains($"User \"{user}\" cannot get resource \"services/proxy\" in API group \"\" in the namespace \"kube-system\"", refused[3].Error, StringComparison.Ordinal);
        foreach (var path in paths)
        {
            Assert.NotEmpty(Exposition.Parse(await scraper.OkAsync("get", "--raw", path)).Samples);
        }
    }
}
