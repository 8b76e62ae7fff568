using Dce.KubeSim.Clusters;
using Dce.KubeSim.Simulation.Controllers;
using Dce.KubeSim.Simulation.Usage;
using Dce.KubeSim.Simulation.Storage;

namespace Dce.KubeSim.Simulation;

/// <summary>Runs one cluster's controllers: a pass whenever state changed, and at the resync interval otherwise.</summary>
public sealed class ControllerRunner(SimulatedCluster cluster, ILogger logger)
{
    private readonly IController[] controllers = Controllers(cluster);

    private static IController[] Controllers(SimulatedCluster cluster) =>
        cluster.Profile.ApiServerOnly ? ApiMachinery() : [.. ApiMachinery(), .. Workloads(cluster)];

    // What a control-plane API server such as Karmada's runs beside kube-apiserver: a kube-controller-manager limited
    // to these controllers, so templates (Deployments...) stay as written.
    private static IController[] ApiMachinery() =>
    [
        new NamespaceController(),
        new GarbageCollector(),
        new ClusterRoleAggregationController(),
        new ServiceAccountTokenController(),
    ];

    private static IController[] Workloads(SimulatedCluster cluster) =>
    [
        new DeploymentController(),
        new ReplicaSetController(),
        new StatefulSetController(),
        new VolumeProvisioner(),
        new DaemonSetController(),
        new JobController(),
        new CronJobController(),
        new Scheduler(),
        new Kubelet(new UsageMemoryPressure(cluster)),
        new NodeLifecycle(),
        new TaintEvictionController(),
        new EndpointsController(),
        new IngressController(),
        new ResourceQuotaController(),
        new HorizontalPodAutoscalerController(),
        new DisruptionController(),
    ];

    private readonly Dictionary<IController, DateTime> lastRun = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await cluster.Store.Changed.WaitAsync(cluster.Options.ResyncInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            RunOnce(DateTime.UtcNow);
        }
    }

    /// <summary>One pass of every controller that is due.</summary>
    public void RunOnce(DateTime now)
    {
        foreach (var controller in controllers)
        {
            if (lastRun.TryGetValue(controller, out var last) && now - last < controller.MinInterval)
            {
                continue;
            }
            lastRun[controller] = now;
            try
            {
                controller.Reconcile(cluster, now);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "Controller {Controller} failed in cluster {Cluster}", controller.GetType().Name, cluster.Name);
            }
        }
    }
}
