using Dce.KubeSim.Clusters;
using Dce.KubeSim.Serving;
using Dce.KubeSim.Tls;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dce.KubeSim.Simulation;

/// <summary>
/// Creates the configured clusters at start-up, opens each one's own address, runs their controllers and writes their
/// kubeconfigs once the server listens.
/// </summary>
public sealed class ClusterHost(ClusterRegistry registry, ClusterListeners listeners, ServingCertificate certificate, IServer server, IHostApplicationLifetime lifetime, ILogger<ClusterHost> logger) : BackgroundService
{
    private readonly List<Task> runners = [];

    public string? BaseUrl { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var profile in registry.StartupProfiles())
        {
            listeners.Open(registry.Add(profile));
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
                OpenAddress(cluster);
                cluster.CertificateAuthorityPem = certificate.Certificate.ExportCertificatePem();
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
        await listeners.DisposeAsync();
    }

    // Clusters added by other means than the admin API get their own address here; a port that cannot be had is logged,
    // not fatal (the admin API refuses such a cluster itself).
    private void OpenAddress(SimulatedCluster cluster)
    {
        try
        {
            if (!cluster.Stopping.IsCancellationRequested)
            {
                listeners.Open(cluster);
            }
        }
        catch (IOException error)
        {
            logger.LogWarning("Cluster {Cluster} has no address of its own: {Reason}", cluster.Name, error.Message);
        }
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
            var url = listeners.ServerUrl(cluster, BaseUrl)!;
            var path = KubeconfigWriter.Write(cluster, url, certificate.PemBase64, registry.Options.KubeconfigDirectory);
            logger.LogInformation("Cluster {Cluster} serves at {Url}; kubeconfig {Path}", cluster.Name, url, path);
        }
    }
}
