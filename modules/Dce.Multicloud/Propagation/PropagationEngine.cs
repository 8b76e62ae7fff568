using Dce.Kubernetes.Kubeconfigs;
using Dce.Multicloud.Propagation.Api;
using Microsoft.Extensions.Options;

namespace Dce.Multicloud.Propagation;

/// <summary>
/// Runs Karmada's controllers for every embedded instance (<c>Multicloud:Instances</c> with <c>Embedded=true</c>),
/// each against its control plane's API server read from <c>KubeconfigPath</c>.
/// </summary>
public sealed partial class PropagationEngine(
    IOptions<MulticloudOptions> instances,
    IOptions<PropagationOptions> options,
    KubeconfigLoader loader,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger logger = loggers.CreateLogger<PropagationEngine>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runs = new List<Task>();
        foreach (var instance in instances.Value.Instances.Where(instance => instance.Embedded).DistinctBy(instance => instance.Name, StringComparer.Ordinal))
        {
            runs.Add(RunWhenReadableAsync(instance, stoppingToken));
        }

        await Task.WhenAll(runs);
    }

    // The control plane may write its kubeconfig after this module started: wait for it rather than give the instance up.
    private async Task RunWhenReadableAsync(InstanceOptions instance, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            string kubeconfig;
            try
            {
                kubeconfig = await File.ReadAllTextAsync(instance.KubeconfigPath, stoppingToken);
            }
            catch (IOException error)
            {
                if (attempt == 1)
                {
                    LogNoKubeconfig(logger, instance.Name, error.Message);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                continue;
            }

            await RunAsync(instance.Name, kubeconfig, loader, options.Value, time, loggers.CreateLogger($"{typeof(PropagationEngine).FullName}.{instance.Name}"), stoppingToken);
            return;
        }
    }

    /// <summary>Runs the controllers for one control plane given by its kubeconfig text until <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunAsync(string instance, string kubeconfig, KubeconfigLoader loader, PropagationOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        using var api = KubeApi.FromKubeconfig(kubeconfig, loader);
        try
        {
            await new ControlPlaneControllers(instance, api, loader, options, time, logger).RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The kubeconfig of instance {Instance} cannot be read yet, waiting for it: {Reason}")]
    private static partial void LogNoKubeconfig(ILogger logger, string instance, string reason);
}
