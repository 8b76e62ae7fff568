using k8s;

namespace Dce.Insight.Logs;

/// <summary>
/// Keeps the events of one cluster: lists them, then watches from the list's resourceVersion, resuming each watch from
/// the last version seen; a 410 Gone or any broken watch lists again (the upsert makes the relist harmless).
/// </summary>
public sealed partial class EventCollector(string cluster, k8s.Kubernetes client, EventWriter writer, ILogger logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? version = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (version is null)
                {
                    var list = await client.CoreV1.ListEventForAllNamespacesAsync(cancellationToken: cancellationToken);
                    await writer.WriteAsync([.. list.Items.Select(e => StoredEvent.From(cluster, e))], cancellationToken);
                    version = list.Metadata.ResourceVersion;
                }

                await foreach (var (type, e) in client.CoreV1.WatchListEventForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: version,
                    timeoutSeconds: 300, cancellationToken: cancellationToken))
                {
                    if (type is WatchEventType.Added or WatchEventType.Modified)
                    {
                        await writer.WriteAsync([StoredEvent.From(cluster, e)], cancellationToken);
                    }

                    version = e.Metadata?.ResourceVersion ?? version;
                }
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                LogWatchBroken(logger, cluster, error.Message);
                version = null;
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The events of cluster {Cluster} are listed again: {Reason}")]
    private static partial void LogWatchBroken(ILogger logger, string cluster, string reason);
}
