using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Tls;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace Dce.KubeSim.Serving;

/// <summary>
/// Gives every cluster its own HTTPS address, <c>https://127.0.0.1:&lt;port&gt;</c>, serving its API at the root as a real
/// API server does, so tools that put the API at the root of the server URL (<c>kubectl proxy</c>, the Python client) work.
/// The port is the profile's <c>Port</c>, else the one the cluster had before a restart, else a free one; it closes
/// when the cluster is removed.
/// </summary>
public sealed class ClusterListeners(IServiceProvider services, ServingCertificate certificate, ClusterPortBook book, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Listener> open = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly ILogger logger = loggers.CreateLogger<ClusterListeners>();
    private IConnectionListenerFactory? transport;

    /// <summary>The root address of <paramref name="cluster"/>, or null when it has none.</summary>
    public string? RootUrl(string cluster) => open.TryGetValue(cluster, out var listener) ? listener.Url : null;

    /// <summary>
    /// The server URL kubeconfigs name: the cluster's root address, or its path under <paramref name="baseUrl"/> when
    /// <c>KubeSim:PublicUrl</c> is set (the root addresses listen on loopback only) or the cluster has no address of its own.
    /// </summary>
    public string? ServerUrl(SimulatedCluster cluster, string? baseUrl) =>
        string.IsNullOrEmpty(cluster.Options.PublicUrl) && RootUrl(cluster.Name) is { } root
            ? root
            : baseUrl is null ? null : KubeconfigWriter.ServerUrl(cluster, baseUrl);

    /// <summary>Opens the cluster's own address unless it is open already; returns it.</summary>
    public string Open(SimulatedCluster cluster)
    {
        lock (gate)
        {
            if (open.TryGetValue(cluster.Name, out var existing))
            {
                return existing.Url;
            }
            var server = Start(cluster, out var port);
            var listener = new Listener(server, string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{port}"));
            open[cluster.Name] = listener;
            book.Remember(cluster.Name, port);
            cluster.Stopping.Register(() => _ = CloseAsync(cluster.Name, forget: true));
            return listener.Url;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in open.Keys.ToList())
        {
            await CloseAsync(name, forget: false);
        }
    }

    private KestrelServer Start(SimulatedCluster cluster, out int port)
    {
        var wanted = cluster.Profile.Port is > 0 and var configured ? configured : book.Remembered(cluster.Name) ?? 0;
        try
        {
            return StartOn(cluster.Name, wanted, out port);
        }
        catch (IOException error) when (wanted != 0 && cluster.Profile.Port is null or <= 0)
        {
            logger.LogWarning("Cluster {Cluster} cannot have its former port {Port} back ({Reason}); it gets a new one", cluster.Name, wanted, error.Message);
            return StartOn(cluster.Name, 0, out port);
        }
    }

    private KestrelServer StartOn(string cluster, int wanted, out int port)
    {
        var options = new KestrelServerOptions { ApplicationServices = services };
        options.Listen(IPAddress.Loopback, wanted, listen => listen.UseHttps(certificate.Certificate));
        transport ??= new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggers);
        var server = new KestrelServer(Options.Create(options), transport, loggers);
        var application = new ClusterApplication(services.GetRequiredService<IHttpContextFactory>(), cluster);
        try
        {
            server.StartAsync(application, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch
        {
            server.Dispose();
            throw;
        }
        var address = server.Features.Get<IServerAddressesFeature>()!.Addresses.First();
        port = new Uri(address).Port;
        return server;
    }

    private async Task CloseAsync(string cluster, bool forget)
    {
        if (!open.TryRemove(cluster, out var listener))
        {
            return;
        }
        if (forget)
        {
            book.Forget(cluster);
        }
        try
        {
            await listener.Server.StopAsync(CancellationToken.None);
        }
        finally
        {
            listener.Server.Dispose();
        }
    }

    private sealed record Listener(KestrelServer Server, string Url);
}
