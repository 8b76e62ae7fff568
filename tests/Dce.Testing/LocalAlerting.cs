using Dce.LocalServers;

namespace Dce.Testing;

/// <summary>
/// A real Alertmanager and vmalert from the OS packages, started the way the AppHost starts them, in throwaway folders:
/// vmalert reads the rule files of its own folder, evaluates them against VictoriaMetrics and notifies the
/// Alertmanager, which sends everything to <c>hookUrl</c>. One pair per fixture, since each fixture's Insight writes its rules.
/// </summary>
public sealed class LocalAlerting : IAsyncDisposable
{
    private readonly ServerProcess _alertmanagerProcess;
    private readonly ServerProcess _vmalertProcess;

    private LocalAlerting(AlertmanagerServerRecipe alertmanager, ServerLaunch alertmanagerLaunch, VmAlertServerRecipe vmalert, ServerLaunch vmalertLaunch,
        string hookSecret)
    {
        Alertmanager = alertmanager;
        VmAlert = vmalert;
        HookSecret = hookSecret;
        _alertmanagerProcess = new ServerProcess(alertmanagerLaunch);
        _vmalertProcess = new ServerProcess(vmalertLaunch);
    }

    public AlertmanagerServerRecipe Alertmanager { get; }

    /// <summary>The secret Alertmanager presents to the hook; Insight is given the same (<c>Insight:Alerting:HookSecret</c>).</summary>
    public string HookSecret { get; }

    public VmAlertServerRecipe VmAlert { get; }

    /// <summary>
    /// Starts both and waits until each answers; vmalert reads <paramref name="metrics"/> directly, or the datasource
    /// <paramref name="datasource"/> names (<see cref="VmAlertServerRecipe.Datasource(string, string)"/>).
    /// </summary>
    public static async Task<LocalAlerting> StartAsync(LocalVictoriaMetrics metrics, string hookUrl, AlertmanagerTimings timings, TimeSpan evaluationInterval,
        IReadOnlyDictionary<string, string>? datasource = null, CancellationToken cancellationToken = default)
    {
        var alertmanagerFolder = TestFolders.Create("alertmanager");
        var hookSecret = alertmanagerFolder.Password();
        var alertmanager = new AlertmanagerServerRecipe(alertmanagerFolder, FreePort.Next(), timings);
        var vmalert = new VmAlertServerRecipe(TestFolders.Create("vmalert"), FreePort.Next(), alertmanager.Endpoint, evaluationInterval);
        var vmalertLaunch = vmalert.Prepare() with
        {
            Environment = datasource ?? VmAlertServerRecipe.Datasource(metrics.Endpoint, VictoriaMetricsServerRecipe.User, metrics.Password),
        };
        var servers = new LocalAlerting(alertmanager, alertmanager.Prepare([hookUrl], hookSecret), vmalert, vmalertLaunch, hookSecret);
        await servers._alertmanagerProcess.StartAsync(ct => IsHealthyAsync(alertmanager.Endpoint + "/-/ready", ct), cancellationToken);
        await servers._vmalertProcess.StartAsync(ct => IsHealthyAsync(vmalert.Endpoint + "/health", ct), cancellationToken);
        return servers;
    }

    public async ValueTask DisposeAsync()
    {
        await _vmalertProcess.DisposeAsync();
        await _alertmanagerProcess.DisposeAsync();
    }

    private static async Task<bool> IsHealthyAsync(string url, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(url, cancellationToken);
        return response.IsSuccessStatusCode;
    }
}
