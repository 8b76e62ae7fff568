using Dce.KubeSim.Clusters;
using Dce.KubeSim.Tls;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dce.KubeSim.Simulation;

/// <summary>Creates the configured clusters at start-up, runs their controllers and writes their kubeconfigs once the server listens.</summary>
public sealed class ClusterHost(ClusterRegistry registry, ServingCertificate certificate, IServer server, IHostApplicationLifetime lifetime, ILogger<ClusterHost> logger) : BackgroundService
{
    private readonly List<Task> runners = [];

    public string? BaseUrl { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var profile in registry.StartupProfiles())
        {
            registry.Add(profile);
        }
        lifetime.ApplicationStarted.Register(WriteKubeconfigs);
        lifetime.ApplicationStopped.Register(registry.CloseState);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new HashSet<SimulatedCluster>();
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var cluster in registry.All.Where(started.Add))
            {
                var runner = new ControllerRunner(cluster, logger);
                var token = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, cluster.Stopping).Token;
                runners.Add(Task.Run(() => runner.RunAsync(token), CancellationToken.None));
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(runners);
    }

    private void WriteKubeconfigs()
    {
        BaseUrl = registry.Options.PublicUrl ?? server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => a.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("+", "127.0.0.1", StringComparison.Ordinal))
            .OrderBy(a => a.StartsWith("https", StringComparison.Ordinal) ? 0 : 1)
            .FirstOrDefault();
        registry.BaseUrl = BaseUrl;
        if (BaseUrl is null || string.IsNullOrEmpty(registry.Options.KubeconfigDirectory))
        {
            return;
        }
        foreach (var cluster in registry.All)
        {
            var path = KubeconfigWriter.Write(cluster, BaseUrl, certificate.PemBase64, registry.Options.KubeconfigDirectory);
            logger.LogInformation("Cluster {Cluster} serves at {Url}; kubeconfig {Path}", cluster.Name, KubeconfigWriter.ServerUrl(cluster, BaseUrl), path);
        }
    }
}
