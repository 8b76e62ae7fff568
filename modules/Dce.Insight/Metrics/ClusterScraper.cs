using System.Globalization;
using Dce.Insight.Model;
using k8s;

namespace Dce.Insight.Metrics;

/// <summary>
/// Scrapes every target of one cluster with the credentials its join gave, and imports each answer into the metrics
/// engine labelled <c>cluster</c>, <c>job</c> and <c>instance</c>, with an <c>up</c> sample per target as Prometheus writes.
/// </summary>
public sealed partial class ClusterScraper(MetricsStore store, ClusterClients clients, ILogger<ClusterScraper> logger)
{
    private static readonly TimeSpan TargetTimeout = TimeSpan.FromSeconds(10);

    public async Task ScrapeAsync(KnownCluster cluster, CancellationToken cancellationToken)
    {
        var client = clients.Of(cluster);
        var targets = new List<ScrapeTarget> { ScrapeTarget.ApiServer(cluster.Name), ScrapeTarget.KubeStateMetrics(cluster.Name) };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TargetTimeout);
            var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: timeout.Token);
            targets.AddRange(nodes.Items.SelectMany(node => new[] { ScrapeTarget.Kubelet(node.Metadata.Name), ScrapeTarget.Cadvisor(node.Metadata.Name) }));
        }
        catch (Exception error) when (error is HttpRequestException or k8s.Autorest.HttpOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogNodesUnlisted(logger, cluster.Name, error.Message);
        }

        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (target, ct) => await ScrapeTargetAsync(client, cluster.Name, target, ct));
    }

    private async Task ScrapeTargetAsync(k8s.Kubernetes client, string cluster, ScrapeTarget target, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["cluster"] = cluster, ["job"] = target.Job, ["instance"] = target.Instance };
        var up = false;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TargetTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, target.Path.TrimStart('/')));
            request.Headers.Accept.ParseAdd("text/plain");
            if (client.Credentials is { } credentials)
            {
                await credentials.ProcessHttpRequestAsync(request, timeout.Token);
            }

            using var response = await client.HttpClient.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                await store.ImportAsync(response.Content, labels, cancellationToken);
                up = true;
            }
            else
            {
                LogTargetDown(logger, cluster, target.Job, target.Instance, $"HTTP {(int)response.StatusCode}");
            }
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogTargetDown(logger, cluster, target.Job, target.Instance, error.Message);
        }

        using var upSample = new StringContent($"up {(up ? 1 : 0).ToString(CultureInfo.InvariantCulture)}\n");
        await store.ImportAsync(upSample, labels, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The nodes of cluster {Cluster} could not be listed, so its kubelets are not scraped: {Reason}")]
    private static partial void LogNodesUnlisted(ILogger logger, string cluster, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Target {Job}/{Instance} of cluster {Cluster} is down: {Reason}")]
    private static partial void LogTargetDown(ILogger logger, string cluster, string job, string instance, string reason);
}
