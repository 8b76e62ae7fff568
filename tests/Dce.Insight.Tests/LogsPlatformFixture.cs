using Dce.Testing;
using k8s;

namespace Dce.Insight.Tests;

/// <summary>One platform for the log and event tests, and what they need of it: workloads, pods and scoped callers.</summary>
public sealed class LogsPlatformFixture : IAsyncLifetime
{
    public InsightPlatform Platform { get; } = new();

    public Task InitializeAsync() => Platform.InitializeAsync();

    public Task DisposeAsync() => Platform.DisposeAsync();

    /// <summary>A one-replica Deployment whose container is named <paramref name="container"/>, so its log lines carry that name; its running pod's name.</summary>
    public async Task<string> RunDeploymentAsync(string cluster, string ns, string name, string container)
    {
        var client = Platform.Clusters.Client(cluster);
        await Platform.CreateDeploymentAsync(cluster, ns, name, 1, container);
        string? pod = null;
        await Eventually.Until(async () =>
        {
            var pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"app={name}");
            pod = pods.Items.FirstOrDefault(p => p.Status?.Phase == "Running")?.Metadata.Name;
            return pod is not null;
        }, $"a running pod of {name}");
        return pod!;
    }

    /// <summary>A user who views <paramref name="ns"/> of <paramref name="cluster"/> through a workspace of their own, and nothing else.</summary>
    public Task<HttpClient> NamespaceViewerAsync(string cluster, string ns) => Platform.NamespaceViewerAsync(cluster, ns, "logs");
}

[CollectionDefinition(Name)]
public sealed class LogsCollection : ICollectionFixture<LogsPlatformFixture>
{
    public const string Name = "Logs and events";
}
