using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Dce.AppHost.Tests;

/// <summary>Starts the AppHost's graph once for a test class, middleware from the OS packages in a throwaway state folder.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly string[] ResourceNames = ["postgres", "redis", "messaging", "gateway"];

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Dce_AppHost>(
        [
            "--Dce:Middleware:Mode=process",
            "--Dce:Middleware:Ephemeral=true",
        ]);
        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await App.StartAsync(timeout.Token);
        foreach (var resource in ResourceNames)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
