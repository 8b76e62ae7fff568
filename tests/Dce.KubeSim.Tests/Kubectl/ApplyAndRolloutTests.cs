using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Kubectl;

[Collection(KubeSimCollection.Name)]
public sealed class ApplyAndRolloutTests(KubeSimServer server)
{
    [Fact]
    public async Task Apply_of_a_multi_document_manifest_creates_every_object_and_the_deployment_rolls_out()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("apply");

        var applied = await kubectl.ApplyAsync(Manifests.WebApp(ns));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");

        Assert.Contains($"namespace/{ns} created", applied, StringComparison.Ordinal);
        Assert.Contains("deployment.apps/web created", applied, StringComparison.Ordinal);
        Assert.Contains("service/web created", applied, StringComparison.Ordinal);
        var pods = await kubectl.OkAsync("-n", ns, "get", "pods", "-l", "app=web", "-o", "name");
        Assert.Equal(3, pods.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var table = await kubectl.OkAsync("-n", ns, "get", "deploy");
        Assert.Contains("3/3", table, StringComparison.Ordinal);
        var yaml = await kubectl.OkAsync("-n", ns, "get", "configmap", "web-config", "-o", "yaml");
        Assert.Contains("mode: production", yaml, StringComparison.Ordinal);
        Assert.Contains("resourceVersion:", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reapplying_a_changed_manifest_patches_and_keeps_the_rest()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("reapply");
        await kubectl.ApplyAsync(Manifests.WebApp(ns));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");

        var second = await kubectl.ApplyAsync(Manifests.WebApp(ns, replicas: 4, image: "nginx:1.28"));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");

        Assert.Contains("deployment.apps/web configured", second, StringComparison.Ordinal);
        Assert.Contains("configmap/web-config unchanged", second, StringComparison.Ordinal);
        var image = await kubectl.OkAsync("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[0].value} {.status.updatedReplicas}");
        Assert.Equal("nginx:1.28 production 4", image);
    }

    [Fact]
    public async Task Scale_set_image_rollout_undo_and_wait_behave_as_on_a_real_cluster()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("rollout");
        await kubectl.ApplyAsync(Manifests.WebApp(ns, replicas: 2));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");

        await kubectl.OkAsync("-n", ns, "scale", "deployment/web", "--replicas=5");
        await kubectl.OkAsync("-n", ns, "wait", "--for=condition=Available", "deployment/web", "--timeout=90s");
        await Eventually.Until(async () => (await kubectl.OkAsync("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.status.readyReplicas}")) == "5", "five ready replicas");

        await kubectl.OkAsync("-n", ns, "set", "image", "deployment/web", "web=nginx:1.29");
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        Assert.Equal("nginx:1.29", await Image(kubectl, ns));
        var history = await kubectl.OkAsync("-n", ns, "rollout", "history", "deployment/web");
        Assert.Contains("2 ", history, StringComparison.Ordinal);

        await kubectl.OkAsync("-n", ns, "rollout", "undo", "deployment/web");
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");

        Assert.Equal("nginx:1.27", await Image(kubectl, ns));
        var sets = await kubectl.OkAsync("-n", ns, "get", "rs", "-o", "name");
        Assert.Equal(2, sets.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        await Eventually.Until(async () =>
            (await kubectl.OkAsync("-n", ns, "get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].spec.containers[0].image}"))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: 5 } images && images.All(i => i == "nginx:1.27"),
            "five pods back on the old image");
    }

    [Fact]
    public async Task Describe_shows_the_replica_sets_and_events()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("describe");
        await kubectl.ApplyAsync(Manifests.WebApp(ns, replicas: 1));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");

        var deployment = await kubectl.OkAsync("-n", ns, "describe", "deployment", "web");
        var pod = await kubectl.OkAsync("-n", ns, "describe", "pods", "-l", "app=web");

        Assert.Contains("NewReplicaSet:", deployment, StringComparison.Ordinal);
        Assert.Contains("ScalingReplicaSet", deployment, StringComparison.Ordinal);
        Assert.Matches(@"Status:\s+Running", pod);
        Assert.Contains("Scheduled", pod, StringComparison.Ordinal);
    }

    private static async Task<string> Image(Dce.Testing.Kubectl kubectl, string ns) =>
        await kubectl.OkAsync("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}");
}
