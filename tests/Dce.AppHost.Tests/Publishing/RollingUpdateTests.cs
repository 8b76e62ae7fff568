using System.Diagnostics;
using System.Text;
using Dce.Testing;
using Dce.Testing.KubeSim;
using k8s;
using k8s.Models;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>
/// The published modules applied to a simulated cluster, then rolled and drained while every pod change is watched:
/// a rollout never takes a module below its replicas nor above replicas + maxSurge, and a node drain never takes it
/// below what its PodDisruptionBudget requires (the eviction that would is refused until a replacement is Ready).
/// </summary>
public sealed class RollingUpdateTests(GeneratedManifestsFixture fixture) : IClassFixture<GeneratedManifestsFixture>, IAsyncLifetime
{
    private const string Namespace = "dce-system";
    private const string Modules = "app.kubernetes.io/component in (module,gateway)";

    private KubeSimProcess? kubeSim;
    private string kubeconfig = "";
    private IKubernetes client = null!;

    public async Task InitializeAsync()
    {
        kubeSim = await KubeSimProcess.StartAsync(1, "--KubeSim:Clusters:0:Name=rolling", "--KubeSim:Clusters:0:Profile=aws");
        kubeconfig = kubeSim.KubeconfigOf("rolling");
        client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        Ok("apply", "-k", Path.Combine(fixture.Manifests.Directory, "overlays", "aws"));
        Ok("-n", Namespace, "wait", "--for=condition=Available", "deployment", "--all", "--timeout=120s");
    }

    public Task DisposeAsync()
    {
        kubeSim?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Restarting_every_module_keeps_its_replicas_Ready_and_within_its_surge()
    {
        var deployments = (await client.AppsV1.ListNamespacedDeploymentAsync(Namespace, labelSelector: Modules)).Items;
        Assert.NotEmpty(deployments);
        var bounds = deployments.ToDictionary(d => d.Name(), d =>
        {
            var replicas = d.Spec.Replicas ?? 1;
            var rolling = d.Spec.Strategy.RollingUpdate;
            return (replicas - int.Parse(rolling.MaxUnavailable.Value, System.Globalization.CultureInfo.InvariantCulture),
                replicas + int.Parse(rolling.MaxSurge.Value, System.Globalization.CultureInfo.InvariantCulture));
        });
        using var watch = await PodWatch.StartAsync(client, Namespace, bounds);

        Ok(["-n", Namespace, "rollout", "restart", "deployment", .. deployments.Select(d => d.Name())]);
        foreach (var deployment in deployments)
        {
            Ok("-n", Namespace, "rollout", "status", $"deployment/{deployment.Name()}", "--timeout=120s");
        }

        Assert.True(watch.Breaches.Count == 0, string.Join('\n', watch.Breaches.Take(20)));
        foreach (var deployment in deployments)
        {
            var rolled = await client.AppsV1.ReadNamespacedDeploymentAsync(deployment.Name(), Namespace);
            Assert.True(rolled.Metadata.Generation > deployment.Metadata.Generation, $"{deployment.Name()} was not rolled");
            Assert.Equal(rolled.Spec.Replicas, rolled.Status.UpdatedReplicas);
        }
    }

    [Fact]
    public async Task Draining_the_nodes_of_a_module_keeps_its_disruption_budget()
    {
        var budgets = (await client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(Namespace, labelSelector: Modules)).Items;
        Assert.NotEmpty(budgets);
        var bounds = new Dictionary<string, (int Floor, int Ceiling)>(StringComparer.Ordinal);
        foreach (var budget in budgets)
        {
            var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(budget.Name(), Namespace);
            var replicas = deployment.Spec.Replicas ?? 1;
            bounds[budget.Name()] = (replicas - int.Parse(budget.Spec.MaxUnavailable.Value, System.Globalization.CultureInfo.InvariantCulture), int.MaxValue);
        }
        var module = budgets[0].Name();
        var modulePods = (await client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: $"app.kubernetes.io/name={module}")).Items;
        var drained = modulePods.Select(p => p.Spec.NodeName).Distinct(StringComparer.Ordinal).ToList();
        var schedulable = (await client.CoreV1.ListNodeAsync()).Items.Where(n => n.Spec.Unschedulable != true).Select(n => n.Name()).ToList();
        using var watch = await PodWatch.StartAsync(client, Namespace, bounds);

        // With every node cordoned, an evicted module pod cannot be replaced, so its budget must refuse the second eviction.
        Ok(["cordon", .. schedulable]);
        var drains = drained.Select(node => Drain(node)).ToList();
        await Eventually.Until(() => drains.Any(d => d.Error.Contains("disruption budget", StringComparison.Ordinal)),
            $"an eviction of a {module} pod refused by its budget");
        Ok(["uncordon", .. schedulable.Except(drained)]);
        foreach (var drain in drains)
        {
            await drain.Process.WaitForExitAsync();
            Assert.True(drain.Process.ExitCode == 0, drain.Error);
        }

        Assert.True(watch.Breaches.Count == 0, string.Join('\n', watch.Breaches.Take(20)));
        var moved = (await client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: $"app.kubernetes.io/name={module}")).Items;
        Assert.All(moved, pod => Assert.DoesNotContain(pod.Spec.NodeName, drained));
    }

    private sealed record RunningDrain(Process Process, StringBuilder Errors)
    {
        public string Error
        {
            get
            {
                lock (Errors)
                {
                    return Errors.ToString();
                }
            }
        }
    }

    private RunningDrain Drain(string node)
    {
        var process = new Kubectl(kubeconfig).Start(["drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=120s"]);
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return new RunningDrain(process, errors);
    }

    private void Ok(params string[] args)
    {
        var result = Kubectl.Run(["--kubeconfig", kubeconfig, .. args]);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {result.Error}");
    }
}
