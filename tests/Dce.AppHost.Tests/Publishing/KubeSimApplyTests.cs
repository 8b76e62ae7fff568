using Dce.Testing;
using k8s;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>
/// Every overlay applied with kubectl to a simulated cluster of its profile: every Deployment Available, Job Complete,
/// StatefulSet ready with its claims Bound; applying it again changes nothing and succeeds.
/// </summary>
public sealed class KubeSimApplyTests(GeneratedManifestsFixture fixture, OverlayClustersFixture clusters)
    : IClassFixture<GeneratedManifestsFixture>, IClassFixture<OverlayClustersFixture>
{
    public static TheoryData<string> Overlays => new(OverlayClustersFixture.Overlays);

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Applied_overlay_brings_every_workload_up_on_its_profile_and_applies_again_unchanged(string name)
    {
        var kubeconfig = clusters.KubeconfigOf(name);
        var overlay = Path.Combine(fixture.Manifests.Directory, "overlays", name);

        var apply = Kubectl.Run("--kubeconfig", kubeconfig, "apply", "-k", overlay);
        Assert.True(apply.ExitCode == 0, apply.Error);
        var deployments = Kubectl.Run("--kubeconfig", kubeconfig, "-n", "dce-system", "wait", "--for=condition=Available", "deployment", "--all", "--timeout=120s");
        Assert.True(deployments.ExitCode == 0, deployments.Error);
        var jobs = Kubectl.Run("--kubeconfig", kubeconfig, "-n", "dce-system", "wait", "--for=condition=Complete", "job", "--all", "--timeout=120s");
        Assert.True(jobs.ExitCode == 0, jobs.Error);

        var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var statefulSets = await client.ListNamespacedStatefulSetAsync("dce-system");
        Assert.NotEmpty(statefulSets.Items);
        foreach (var statefulSet in statefulSets.Items)
        {
            await Eventually(async () => (await client.ReadNamespacedStatefulSetAsync(statefulSet.Metadata.Name, "dce-system")).Status?.ReadyReplicas == statefulSet.Spec.Replicas);
        }

        var claims = await client.ListNamespacedPersistentVolumeClaimAsync("dce-system");
        Assert.Equal(statefulSets.Items.Sum(s => (s.Spec.VolumeClaimTemplates?.Count ?? 0) * (s.Spec.Replicas ?? 1)), claims.Items.Count);
        Assert.All(claims.Items, c => Assert.Equal("Bound", c.Status?.Phase));

        var expected = fixture.Manifests.Graph.Workloads.Count + 1;
        var workloads = (await client.ListNamespacedDeploymentAsync("dce-system")).Items.Count + statefulSets.Items.Count
            + (await client.ListNamespacedJobAsync("dce-system")).Items.Count;
        Assert.Equal(expected, workloads);

        var again = Kubectl.Run("--kubeconfig", kubeconfig, "apply", "-k", overlay);
        Assert.True(again.ExitCode == 0, again.Error);
        var lines = again.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.True(line.EndsWith(" unchanged", StringComparison.Ordinal) || line.EndsWith(" configured", StringComparison.Ordinal), line));
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail("The condition did not hold within a minute.");
    }
}
