using Dce.Testing;
using k8s;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>The manifests applied with kubectl to a simulated cluster: every workload becomes Available or Ready.</summary>
public sealed class KubeSimApplyTests(GeneratedManifestsFixture fixture) : IClassFixture<GeneratedManifestsFixture>
{
    [Fact]
    public async Task Applied_overlay_brings_every_deployment_statefulset_and_job_up()
    {
        using var kubeSim = await KubeSimProcess.StartAsync();
        var kubeconfig = kubeSim.Kubeconfig;
        var overlay = Path.Combine(fixture.Manifests.Directory, "overlays", "aws");

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

        var expected = fixture.Manifests.Graph.Workloads.Count + 1;
        var workloads = (await client.ListNamespacedDeploymentAsync("dce-system")).Items.Count + statefulSets.Items.Count
            + (await client.ListNamespacedJobAsync("dce-system")).Items.Count;
        Assert.Equal(expected, workloads);
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
