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
            string kubeconfig;
            try
            {
                kubeconfig = await File.ReadAllTextAsync(instance.KubeconfigPath, stoppingToken);
            }
            catch (IOException error)
            {
                LogNoKubeconfig(logger, instance.Name, error.Message);
                continue;
            }

            runs.Add(RunAsync(instance.Name, kubeconfig, loader, options.Value, time, loggers.CreateLogger($"{typeof(PropagationEngine).FullName}.{instance.Name}"), stoppingToken));
        }

        await Task.WhenAll(runs);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The kubeconfig of instance {Instance} cannot be read: {Reason}")]
    private static partial void LogNoKubeconfig(ILogger logger, string instance, string reason);
}
