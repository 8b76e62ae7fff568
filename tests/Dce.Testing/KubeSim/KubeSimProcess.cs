using System.Net;
using System.Net.Sockets;
using Dce.LocalServers;

namespace Dce.Testing.KubeSim;

/// <summary>
/// KubeSim's own executable in a separate process (built beside the tests), serving the clusters a
/// <see cref="KubeSimConfiguration"/> describes: for measurements where the test process's CPU and memory must not
/// include the simulated clusters'. It stops with this object, or with the test process however that ends.
/// </summary>
public sealed class KubeSimProcess : IAsyncDisposable
{
    private readonly ServerProcess server;

    private KubeSimProcess(ServerProcess server, string kubeconfigDirectory)
    {
        this.server = server;
        KubeconfigDirectory = kubeconfigDirectory;
    }

    /// <summary>Where each cluster's <c>&lt;name&gt;.kubeconfig</c> is.</summary>
    public string KubeconfigDirectory { get; }

    /// <summary>Starts KubeSim with <paramref name="configuration"/> and waits until the kubeconfigs of <paramref name="names"/> are written.</summary>
    public static async Task<KubeSimProcess> StartAsync(IReadOnlyList<string> names, IReadOnlyDictionary<string, string?> configuration)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = Path.Combine(Path.GetTempPath(), "dce-kubesim-" + Guid.NewGuid().ToString("N")[..8]);
        var environment = configuration.Where(setting => setting.Value is not null)
            .ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value!);
        environment["KubeSim__KubeconfigDirectory"] = folder;
        environment["KubeSim__AdminToken"] = SimulatedClusters.AdminToken;
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["ASPNETCORE_URLS"] = $"https://127.0.0.1:{FreePort()};http://127.0.0.1:{FreePort()}";
        var executable = Path.Combine(AppContext.BaseDirectory, "Dce.KubeSim.dll");
        var server = new ServerProcess(new ServerLaunch("dotnet", [executable], environment, AppContext.BaseDirectory));
        var process = new KubeSimProcess(server, folder);
        await server.StartAsync(_ => Task.FromResult(names.All(name => File.Exists(process.KubeconfigPath(name)))), CancellationToken.None);
        return process;
    }

    /// <summary>The kubeconfig file of <paramref name="cluster"/>.</summary>
    public string KubeconfigPath(string cluster) => Path.Combine(KubeconfigDirectory, cluster + ".kubeconfig");

    /// <summary>The kubeconfig of <paramref name="cluster"/> as text.</summary>
    public string Kubeconfig(string cluster) => File.ReadAllText(KubeconfigPath(cluster));

    /// <summary>Stops KubeSim and deletes the kubeconfigs.</summary>
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        if (Directory.Exists(KubeconfigDirectory))
        {
            Directory.Delete(KubeconfigDirectory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
