using Aspire.Hosting.Testing;
using Dce.AppHost.Publishing;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>Runs the AppHost's own graph through Aspire's publish pipeline, as <see cref="KubernetesPublishingExtensions.Command"/> does.</summary>
internal static class AppHostPublish
{
    public static async Task<string> ToTemporaryFolderAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), $"dce-publish-{Guid.NewGuid():N}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Dce_AppHost>(
            ["--operation", "publish", "--step", KubernetesPublishingExtensions.StepName, "--output-path", output]);
        builder.AddKubernetesManifests();
        await using var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.RunAsync(timeout.Token);
        return output;
    }
}
