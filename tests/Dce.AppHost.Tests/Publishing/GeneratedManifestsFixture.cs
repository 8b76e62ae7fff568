namespace Dce.AppHost.Tests.Publishing;

/// <summary>One generated <c>manifests/</c> per test class, with its env files filled from the examples.</summary>
public sealed class GeneratedManifestsFixture : IAsyncLifetime
{
    internal GeneratedManifests Manifests { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Manifests = await GeneratedManifests.CreateAsync();
        Manifests.FillSecrets(key => $"test-value-of-{key}");
    }

    public Task DisposeAsync()
    {
        Manifests.Dispose();
        return Task.CompletedTask;
    }
}
