namespace Dce.AppHost.Tests.Publishing;

/// <summary>One KubeSim process with a cluster per overlay, each built from the built-in profile of the same name.</summary>
public sealed class OverlayClustersFixture : IAsyncLifetime
{
    public static readonly string[] Overlays = ["aws", "azure", "gcp", "openshift", "vmware", "onprem-arm64", "edge"];

    private KubeSimProcess? kubeSim;

    public string KubeconfigOf(string overlay) => kubeSim!.KubeconfigOf(overlay);

    public async Task InitializeAsync()
    {
        var settings = Overlays.SelectMany((name, i) => new[] { $"--KubeSim:Clusters:{i}:Name={name}", $"--KubeSim:Clusters:{i}:Profile={name}" }).ToArray();
        kubeSim = await KubeSimProcess.StartAsync(Overlays.Length, settings);
    }

    public Task DisposeAsync()
    {
        kubeSim?.Dispose();
        return Task.CompletedTask;
    }
}
