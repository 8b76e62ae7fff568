using Dce.Kubernetes.Kubeconfigs;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Controllers;
using Dce.Multicloud.Propagation.Informers;
using Dce.Multicloud.Propagation.Leadership;
using Dce.Multicloud.Propagation.Members;
using k8s;
using k8s.Models;

namespace Dce.Multicloud.Propagation;

/// <summary>
/// Karmada's controller-manager and scheduler for one control plane: installs Karmada's CRDs when missing, then,
/// while this replica holds the lease, runs the informers, the controllers' queues, the cluster status probes and the resync.
/// </summary>
public sealed partial class ControlPlaneControllers(string instance, KubeApi api, KubeconfigLoader loader, PropagationOptions options, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await InstallCrdsAsync(cancellationToken);
        LogStarting(logger, instance, options.ReplicaId);
        await new LeaseElector(api, options, time, logger).RunAsync(LeadAsync, cancellationToken);
    }

    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        var cache = new ControlPlaneCache(api, options, logger);
        using var members = new MemberClients(cache, loader);
        using var memberObjects = new MemberInformers(members, options, logger, cancellationToken);
        var context = new ControllerContext(api, cache, members, memberObjects, options, time, logger);
        var detector = new ResourceDetector(context);
        ControllerWiring.Connect(context, detector);

        var informers = cache.All.Select(informer => informer.RunAsync(cancellationToken)).ToList();
        await Task.WhenAll(cache.All.Select(informer => informer.Synced)).WaitAsync(cancellationToken);
        ControllerWiring.Resync(context);

        var workers = options.Workers;
        var loops = new List<Task>(informers)
        {
            context.Detector.RunAsync(workers, Guarded("detector", detector.ReconcileAsync, context.Detector), cancellationToken),
            context.Scheduler.RunAsync(workers, Guarded("scheduler", new BindingScheduler(context).ReconcileAsync, context.Scheduler), cancellationToken),
            context.Bindings.RunAsync(workers, Guarded("binding", new BindingController(context).ReconcileAsync, context.Bindings), cancellationToken),
            context.Dependencies.RunAsync(workers, Guarded("dependencies", new DependenciesDistributor(context).ReconcileAsync, context.Dependencies), cancellationToken),
            context.Execution.RunAsync(workers * 2, Guarded("execution", new ExecutionController(context).ReconcileAsync, context.Execution), cancellationToken),
            context.Status.RunAsync(workers, Guarded("status", new BindingStatusController(context).ReconcileAsync, context.Status), cancellationToken),
            context.Eviction.RunAsync(1, Guarded("eviction", new TaintEvictionController(context).ReconcileAsync, context.Eviction), cancellationToken),
            new ClusterStatusController(context).RunAsync(cancellationToken),
            context.MemberStatus.RunAsync(workers * 2, Guarded("member status", new MemberStatusController(context).ReconcileAsync, context.MemberStatus), cancellationToken),
            ResyncAsync(context, cancellationToken),
        };
        try
        {
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ResyncAsync(ControllerContext context, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.ResyncInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            ControllerWiring.Resync(context);
        }
    }

    /// <summary>A reconcile that logs its failure and retries the key later instead of stopping the worker.</summary>
    private Func<string, CancellationToken, Task> Guarded(string controller, Func<string, CancellationToken, Task> reconcile, WorkQueue queue) =>
        async (key, cancellationToken) =>
        {
            try
            {
                await reconcile(key, cancellationToken);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                LogReconcileFailed(logger, controller, key, error.Message);
                queue.AddAfter(key, TimeSpan.FromSeconds(1), cancellationToken);
            }
        };

    private async Task InstallCrdsAsync(CancellationToken cancellationToken)
    {
        foreach (var yaml in Engine.Crds.KarmadaCrds.All)
        {
            var definition = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(yaml);
            try
            {
                await api.Typed.ApiextensionsV1.CreateCustomResourceDefinitionAsync(definition, cancellationToken: cancellationToken);
            }
            catch (k8s.Autorest.HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Karmada controllers of instance {Instance} start as replica {Replica}")]
    private static partial void LogStarting(ILogger logger, string instance, string replica);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Controller} controller failed on {Key}: {Reason}")]
    private static partial void LogReconcileFailed(ILogger logger, string controller, string key, string reason);
}
