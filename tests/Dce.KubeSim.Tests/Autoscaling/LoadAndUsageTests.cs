using System.Net;
using System.Net.Http.Json;
using Dce.KubeSim.Simulation.Usage;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Autoscaling;

[Collection(KubeSimCollection.Name)]
public sealed class LoadAndUsageTests(KubeSimServer server)
{
    private async Task<List<(string Pod, string Cpu, string Memory)>> TopPods(string ns)
    {
        var result = await server.Kubectl().RunAsync("-n", ns, "top", "pod", "--no-headers");
        return result.ExitCode != 0 ? [] : result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(c => (c[0], c[1], c[2])).ToList();
    }

    private async Task SetLoad(string ns, object body)
    {
        using var admin = server.Http(KubeSimServer.AdminToken);
        var response = await admin.PutAsJsonAsync($"/sim/clusters/{KubeSimServer.Cluster}/namespaces/{ns}/load", body);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Kubectl_top_pod_follows_the_load_set_for_a_workload_and_divides_a_total_when_it_scales()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("load");
        await kubectl.ApplyAsync(LoadManifests.App(ns, 2, "{requests: {cpu: 200m, memory: 64Mi}}"));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");

        await SetLoad(ns, new { selector = "app=web", cpu = "300m" });
        await Eventually.Until(async () => await TopPods(ns) is { Count: 2 } top && top.All(p => p.Cpu == "150m"), "two pods share 300m");

        await kubectl.OkAsync("-n", ns, "scale", "deployment/web", "--replicas=3");
        await Eventually.Until(async () => await TopPods(ns) is { Count: 3 } top && top.All(p => p.Cpu == "100m"), "three pods share 300m");
        var selected = await server.Kubectl().OkAsync("top", "pod", "-A", "-l", $"run={ns}", "--no-headers");
        Assert.Equal(3, selected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        await SetLoad(ns, new { selector = "app=web", cpu = "90%", memory = "0.5" });
        await Eventually.Until(async () => await TopPods(ns) is { Count: 3 } top && top.All(p => p.Cpu == "180m" && p.Memory == "32Mi"), "each pod at 90% cpu and half its memory request");
    }

    [Fact]
    public async Task Template_annotations_set_a_workloads_load_cpu_is_throttled_at_its_limit_and_memory_may_pass_it()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("annotated");
        await kubectl.ApplyAsync(LoadManifests.App(ns, 1, "{requests: {cpu: 100m, memory: 32Mi}, limits: {cpu: 150m, memory: 64Mi}}",
            annotations: "{kubesim.dce.io/cpu-load: \"2\", kubesim.dce.io/memory-load: 96Mi}"));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");

        await Eventually.Until(async () => await TopPods(ns) is [var pod] && pod.Cpu == "150m" && pod.Memory == "96Mi", "cpu at its limit, memory over it");
        var running = server.Sim().Store.List("/pods", ns).Items.Single();
        Assert.True(UsageModel.MemoryOverLimit(server.Sim(), running));
    }

    [Fact]
    public async Task Node_usage_is_its_pods_usage_plus_the_systems()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("nodeusage");
        await kubectl.ApplyAsync(LoadManifests.App(ns, 1, "{requests: {cpu: 100m, memory: 32Mi}}"));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        var node = (await kubectl.OkAsync("-n", ns, "get", "pods", "-o", "jsonpath={.items[0].spec.nodeName}")).Trim();
        var usage = UsageModel.Of(server.Sim());
        var before = usage.Node(server.Sim().Store.Get("/nodes", "", node)!).CpuMillis;

        await SetLoad(ns, new { cpu = "2000m" });

        var after = UsageModel.Of(server.Sim()).Node(server.Sim().Store.Get("/nodes", "", node)!).CpuMillis;
        var podBefore = usage.Pod(server.Sim().Store.List("/pods", ns).Items.Single())!.CpuMillis;
        Assert.Equal(before - podBefore + 2000, after);
        Assert.Contains(node, await kubectl.OkAsync("top", "node", node), StringComparison.Ordinal);
    }
}
