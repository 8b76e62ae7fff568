using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>
/// Where <c>./build.sh upgrade &lt;module&gt;</c> asks the running graph for an upgrade: it drops <c>&lt;id&gt;.request</c> (the module's
/// name) into the inbox (<c>Dce:Upgrades:Inbox</c>, else <c>&lt;state&gt;/upgrades</c>, whose path the AppHost leaves in
/// <c>.dce-upgrade-inbox</c> beside itself), follows <c>&lt;id&gt;.log</c> and reads the outcome from <c>&lt;id&gt;.result</c>.
/// </summary>
internal sealed class UpgradeInbox(string inbox, RollingUpgrade upgrade, ILogger<UpgradeInbox> logger) : BackgroundService
{
    /// <summary>Configuration key of the inbox folder.</summary>
    public const string InboxKey = "Dce:Upgrades:Inbox";

    /// <summary>The file beside the AppHost naming the inbox of the graph that runs from the default state folder.</summary>
    public const string LocatorFile = ".dce-upgrade-inbox";

    public const string Succeeded = "succeeded";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(inbox);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var request in Directory.EnumerateFiles(inbox, "*.request").Order(StringComparer.Ordinal).ToList())
            {
                await HandleAsync(request, stoppingToken);
            }
        }
    }

    /// <summary>The inbox folder of the graph <paramref name="builder"/> describes; named beside the AppHost when it is the default one.</summary>
    public static string Folder(IDistributedApplicationBuilder builder)
    {
        if (builder.Configuration[InboxKey] is { Length: > 0 } configured)
        {
            return configured;
        }

        var inbox = Path.Combine(StateFolder.Of(builder), "upgrades");
        if (!builder.Configuration.GetValue<bool>(StateFolder.EphemeralKey))
        {
            File.WriteAllText(Path.Combine(builder.AppHostDirectory, LocatorFile), inbox);
        }

        return inbox;
    }

    private async Task HandleAsync(string request, CancellationToken stoppingToken)
    {
        var id = Path.GetFileNameWithoutExtension(request);
        var folder = Path.GetDirectoryName(request)!;
        var module = (await File.ReadAllTextAsync(request, stoppingToken)).Trim();
        File.Move(request, Path.Combine(folder, id + ".running"), overwrite: true);
        var log = Path.Combine(folder, id + ".log");
        void Progress(string line)
        {
            logger.LogInformation("Upgrade {Id}: {Step}", id, line);
            File.AppendAllText(log, $"{DateTimeOffset.UtcNow:HH:mm:ss} {line}{Environment.NewLine}");
        }

        string outcome;
        try
        {
            await upgrade.RunAsync(module, id, Progress, stoppingToken);
            outcome = Succeeded;
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Progress(failure.Message);
            outcome = "failed";
        }

        await File.WriteAllTextAsync(Path.Combine(folder, id + ".result"), outcome, stoppingToken);
        File.Delete(Path.Combine(folder, id + ".running"));
    }
}
