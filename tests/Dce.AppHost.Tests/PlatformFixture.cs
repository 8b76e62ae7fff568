using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Tests;

/// <summary>Starts the AppHost's graph once for a test class, middleware from the OS packages in a throwaway state folder.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly string[] ResourceNames = ["postgres", "redis", "messaging", "ghippo-db", "ghippo", "kubesim", "kpanda-db", "kpanda", "clustersearch-db", "clusterpedia", "karmada-host", "kairship-db", "kairship", "metrics", "insight-db", "insight", "alertmanager", "vmalert", "gateway", "console"];

    /// <summary>The simulator's admin token, given to the AppHost as its secret parameter.</summary>
    public static readonly string KubeSimAdminToken = $"sim-{Guid.NewGuid():N}";

    /// <summary>The bootstrap administrator's password, given to the AppHost as its secret parameter.</summary>
    public static readonly string AdminPassword = $"Dce-{Guid.NewGuid():N}";

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Dce_AppHost>(
        [
            "--Dce:Middleware:Mode=process",
            "--Dce:Middleware:Ephemeral=true",
            $"--Parameters:admin-password={AdminPassword}",
            $"--Parameters:kubesim-admin-token={KubeSimAdminToken}",
        ]);
        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await App.StartAsync(timeout.Token);
        // What the tests drive; every other resource is checked by Every_resource_reaches_healthy.
        foreach (var resource in new[] { "ghippo", "kpanda", "clusterpedia", "kairship", "insight", "gateway", "console" })
        {
            try
            {
                await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }
            catch (Exception failure) when (failure is DistributedApplicationException or OperationCanceledException)
            {
                var logs = new System.Text.StringBuilder();
                foreach (var known in App.Services.GetRequiredService<Aspire.Hosting.ApplicationModel.DistributedApplicationModel>().Resources)
                {
                    if (App.ResourceNotifications.TryGetCurrentState(known.Name, out var state))
                    {
                        logs.AppendLine($"{known.Name}: {state.Snapshot.State?.Text} exit={state.Snapshot.ExitCode} health={state.Snapshot.HealthStatus}");
                    }
                }

                foreach (var name in new[] { resource, $"{resource}-migrate" })
                {
                    logs.AppendLine($"--- {name}").AppendLine(await ResourceLogs.ReadAsync(App, name, lastLines: 60, quietAfter: TimeSpan.FromSeconds(15)));
                }

                throw new InvalidOperationException($"{failure.Message}\n{logs}", failure);
            }
        }
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Test classes that share one running graph.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>, ICollectionFixture<WebConsole.ConsoleBrowser>
{
    public const string Name = "platform";
}
