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

    private LocalAlerting(AlertmanagerServerRecipe alertmanager, VmAlertServerRecipe vmalert)
    {
        Alertmanager = alertmanager;
        VmAlert = vmalert;
        _alertmanagerProcess = new ServerProcess(alertmanager.Prepare());
        _vmalertProcess = new ServerProcess(vmalert.Prepare());
    }

    public AlertmanagerServerRecipe Alertmanager { get; }

    public VmAlertServerRecipe VmAlert { get; }

    /// <summary>Starts both and waits until each answers.</summary>
    public static async Task<LocalAlerting> StartAsync(LocalVictoriaMetrics metrics, string hookUrl, AlertmanagerTimings timings, TimeSpan evaluationInterval,
        CancellationToken cancellationToken = default)
    {
        var alertmanager = new AlertmanagerServerRecipe(TestFolders.Create("alertmanager"), FreePort.Next(), hookUrl, timings);
        var vmalert = new VmAlertServerRecipe(TestFolders.Create("vmalert"), FreePort.Next(), metrics.Endpoint, VictoriaMetricsServerRecipe.User,
            metrics.Password, alertmanager.Endpoint, evaluationInterval);
        var servers = new LocalAlerting(alertmanager, vmalert);
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
