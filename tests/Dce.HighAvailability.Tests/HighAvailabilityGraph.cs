using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Dce.LocalServers;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.HighAvailability.Tests;

/// <summary>The AppHost's graph with two replicas of every module and of the gateway, haproxy as the entry, its own throwaway state.</summary>
public sealed class HighAvailabilityGraph : IAsyncLifetime
{
    public static readonly string[] Replicas = ["ghippo", "ghippo-1", "kpanda", "kpanda-1", "clusterpedia", "clusterpedia-1", "kairship", "kairship-1", "gateway", "gateway-1", "console", "console-1"];

    public static readonly string[] SurgeSlots = ["ghippo-surge", "kpanda-surge", "clusterpedia-surge", "kairship-surge", "gateway-surge", "console-surge"];

    /// <summary>The bootstrap administrator's password, given to the AppHost as its secret parameter.</summary>
    public static readonly string AdminPassword = $"Dce-{Guid.NewGuid():N}";

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Where <c>./build.sh upgrade</c> drops its requests for this graph.</summary>
    public string UpgradeInbox { get; } = Directory.CreateTempSubdirectory("dce-upgrades-").FullName;

    public Uri Entry { get; private set; } = null!;

    /// <summary>What the replicas and surge slots logged as errors since the graph started.</summary>
    public ErrorLogs Errors { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Dce_AppHost>(
        [
            "--Dce:Replicas=2",
            "--Dce:Middleware:Mode=process",
            "--Dce:Middleware:Ephemeral=true",
            $"--Dce:Entry:Port={FreePort.Next()}",
            $"--Dce:Upgrades:Inbox={UpgradeInbox}",
            $"--Parameters:admin-password={AdminPassword}",
            $"--Parameters:kubesim-admin-token=sim-{Guid.NewGuid():N}",
        ]);
        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await App.StartAsync(timeout.Token);
            foreach (var resource in Replicas.Append("entry"))
            {
                await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }
        }
        catch (Exception failure) when (failure is DistributedApplicationException or OperationCanceledException)
        {
            throw new InvalidOperationException($"{failure.Message}\n{States()}", failure);
        }

        Entry = App.GetEndpoint("entry", "http");
        Errors = ErrorLogs.Follow(App, Replicas.Concat(SurgeSlots));

        // Healthy replicas are not yet a platform with a cluster: the simulated clusters join Container Management after it starts.
        await using var session = await SignInAsync();
        await Dce.Testing.Eventually.Until(async () => await session.StatusAsync($"/apis/kpanda.io/v1alpha1/clusters/{JoinedCluster}/nodes") == 200,
            $"{JoinedCluster} joined", TimeSpan.FromMinutes(5));
    }

    /// <summary>The simulated cluster the tests send traffic about.</summary>
    public const string JoinedCluster = "cloud-east";

    /// <summary>
    /// The resources that are not running and healthy, with state, exit code, health and start time, on one line (a failure
    /// message's first lines are what a log's tail shows); the ones that are, counted.
    /// </summary>
    public string States()
    {
        var others = new List<string>();
        var fine = 0;
        foreach (var resource in App.Services.GetRequiredService<Aspire.Hosting.ApplicationModel.DistributedApplicationModel>().Resources)
        {
            if (!App.ResourceNotifications.TryGetCurrentState(resource.Name, out var state))
            {
                continue;
            }

            var snapshot = state.Snapshot;
            if (snapshot.State?.Text == KnownResourceStates.Running && snapshot.HealthStatus is null or Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            {
                fine++;
            }
            else
            {
                others.Add($"{resource.Name} {snapshot.State?.Text} exit={snapshot.ExitCode} health={snapshot.HealthStatus} started={snapshot.StartTimeStamp:HH:mm:ss}");
            }
        }

        return $"{fine} running and healthy; {string.Join("; ", others)}";
    }

    /// <summary>The bootstrap administrator signed in through the entry, its token renewed while the session lasts.</summary>
    public Task<Session> SignInAsync() => Session.StartAsync(Entry, AdminPassword);

    /// <summary>Kills every process of <paramref name="resource"/> with SIGKILL: no drain, no goodbye.</summary>
    public async Task KillAsync(string resource)
    {
        Assert.True(App.ResourceNotifications.TryGetCurrentState(resource, out var state), resource);
        var launcher = Convert.ToInt32(state.Snapshot.Properties.Single(property => property.Name == "executable.pid").Value, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var pid in ProcessTree.WithDescendants(launcher).Reverse())
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
                await process.WaitForExitAsync();
            }
            catch (ArgumentException)
            {
                // Gone already.
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await App.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, timeout.Token);
        }
        catch (OperationCanceledException failure)
        {
            throw new TimeoutException($"{resource} killed (launcher {launcher}) but not reported stopped within 1 min; the graph:\n{States()}", failure);
        }
    }

    /// <summary>Starts a stopped or killed <paramref name="resource"/> again and waits until it is healthy.</summary>
    public async Task StartAsync(string resource)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand);
        Assert.True(result.Success, $"start {resource}: {result.Message}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
        catch (OperationCanceledException failure)
        {
            throw new TimeoutException($"{resource} started but not healthy within 3 min; the graph:\n{States()}", failure);
        }
    }

    /// <summary>
    /// The versions <paramref name="module"/>'s replicas report: each replica asked directly, the gateway's through the entry
    /// (it answers its own <c>/version</c>; haproxy alternates between its replicas).
    /// </summary>
    public async Task<IReadOnlyList<string?>> VersionsAsync(Session session, string module)
    {
        IEnumerable<string> addresses = module == "gateway"
            ? Enumerable.Repeat("/version", 4)
            : [new Uri(App.GetEndpoint(module, "http"), "/version").ToString(), new Uri(App.GetEndpoint($"{module}-1", "http"), "/version").ToString()];
        List<string?> versions = [];
        foreach (var address in addresses)
        {
            versions.Add((await session.GetJsonAsync(address)).GetProperty("version").GetString());
        }

        return versions;
    }

    public async Task DisposeAsync()
    {
        if (Errors is not null)
        {
            await Errors.DisposeAsync();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(UpgradeInbox, recursive: true);
    }
}

/// <summary>Test classes that share one running high-availability graph.</summary>
[CollectionDefinition(Name)]
public sealed class HighAvailabilityCollection : ICollectionFixture<HighAvailabilityGraph>
{
    public const string Name = "high-availability";
}
