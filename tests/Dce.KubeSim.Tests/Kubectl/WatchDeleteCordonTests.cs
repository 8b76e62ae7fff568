using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Kubectl;

[Collection(KubeSimCollection.Name)]
public sealed class WatchDeleteCordonTests(KubeSimServer server)
{
    [Fact]
    public async Task Get_watch_streams_new_pods_as_they_appear()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("watch");
        await kubectl.ApplyAsync(Manifests.WebApp(ns, replicas: 1));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");

        using var watch = kubectl.Start(["-n", ns, "get", "pods", "-w", "--no-headers"]);
        var lines = new List<string>();
        var reader = Task.Run(async () =>
        {
            while (await watch.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        });
        await Eventually.Until(() => { lock (lines) { return lines.Count >= 1; } }, "the initial pod listed");
        await kubectl.OkAsync("-n", ns, "scale", "deployment/web", "--replicas=3");
        await Eventually.Until(() => { lock (lines) { return lines.Select(l => l.Split(' ')[0]).Distinct().Count() >= 3 && lines.Any(l => l.Contains("Running", StringComparison.Ordinal)); } }, "watch shows the new pods");
        watch.Kill();
        await reader;

        Assert.All(lines, l => Assert.StartsWith("web-", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_a_deployment_cascades_to_its_replica_sets_and_pods()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("cascade");
        await kubectl.ApplyAsync(Manifests.WebApp(ns, replicas: 3));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");

        await kubectl.OkAsync("-n", ns, "delete", "deployment", "web");

        await Eventually.Until(async () =>
            (await kubectl.OkAsync("-n", ns, "get", "rs,pods", "-o", "name")).Trim().Length == 0, "replica sets and pods gone");
        Assert.Contains("NotFound", (await kubectl.RunAsync("-n", ns, "get", "deployment", "web")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Foreground_deletion_removes_dependents_before_the_owner()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("foreground");
        await kubectl.ApplyAsync(Manifests.WebApp(ns, replicas: 2));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");

        await kubectl.OkAsync("-n", ns, "delete", "deployment", "web", "--cascade=foreground", "--timeout=90s");

        Assert.Equal("", (await kubectl.OkAsync("-n", ns, "get", "deploy,rs,pods", "-o", "name")).Trim());
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_everything_in_it()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("nsdelete");
        await kubectl.ApplyAsync(Manifests.WebApp(ns, replicas: 2));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");

        await kubectl.OkAsync("delete", "namespace", ns, "--timeout=90s");

        Assert.Contains("NotFound", (await kubectl.RunAsync("get", "namespace", ns)).Error, StringComparison.Ordinal);
        Assert.Empty(server.Sim().Store.List("/pods", ns).Items);
    }

    [Fact]
    public async Task Cordon_marks_the_node_unschedulable_and_new_pods_avoid_it()
    {
        var kubectl = server.Kubectl(KubeSimServer.SecondCluster);
        var nodes = (await kubectl.OkAsync("get", "nodes", "-o", "name")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var cordoned = nodes[0]["node/".Length..];
        await kubectl.OkAsync("cordon", cordoned);
        try
        {
            var status = await kubectl.OkAsync("get", "node", cordoned);
            Assert.Contains("SchedulingDisabled", status, StringComparison.Ordinal);
            var ns = Manifests.UniqueNamespace("cordon");
            await kubectl.ApplyAsync(Manifests.WebApp(ns, replicas: 4));
            await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
            var placed = await kubectl.OkAsync("-n", ns, "get", "pods", "-o", "jsonpath={.items[*].spec.nodeName}");
            Assert.DoesNotContain(cordoned, placed.Split(' '));
        }
        finally
        {
            await kubectl.OkAsync("uncordon", cordoned);
        }
    }

    [Fact]
    public async Task Drain_evicts_the_pods_of_a_node_and_they_are_recreated_elsewhere()
    {
        var kubectl = server.Kubectl(KubeSimServer.SecondCluster);
        var ns = Manifests.UniqueNamespace("drain");
        await kubectl.ApplyAsync(Manifests.WebApp(ns, replicas: 4));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        var node = (await kubectl.OkAsync("-n", ns, "get", "pods", "-o", "jsonpath={.items[0].spec.nodeName}")).Trim();

        try
        {
            await kubectl.OkAsync("drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=90s");
            await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");

            var placed = await kubectl.OkAsync("-n", ns, "get", "pods", "-o", "jsonpath={.items[*].spec.nodeName}");
            Assert.DoesNotContain(node, placed.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            await kubectl.OkAsync("uncordon", node);
        }
    }
}
