using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Dce.AppHost.Tests;

/// <summary>Starts the AppHost's graph once for a test class, middleware from the OS packages in a throwaway state folder.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly string[] ResourceNames = ["postgres", "redis", "messaging", "ghippo-db", "ghippo", "kubesim", "kpanda-db", "kpanda", "gateway"];

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
        await App.ResourceNotifications.WaitForResourceHealthyAsync("ghippo", timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("kpanda", timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Test classes that share one running graph.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
