using k8s;
using k8s.Models;

namespace Dce.Insight.Logs;

/// <summary>
/// The pods of one cluster, kept current by a list and a watch from its resourceVersion (resumed from the last version
/// seen; a 410 Gone or any broken watch lists again), so following logs does not list every pod over and over.
/// </summary>
public sealed partial class PodWatch(string cluster, k8s.Kubernetes client, ILogger logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly Lock gate = new();
    private Dictionary<string, V1Pod> pods = new(StringComparer.Ordinal);

    /// <summary>The running containers of the pods known now.</summary>
    public HashSet<ContainerSource> RunningContainers()
    {
        lock (gate)
        {
            return pods.Values.Where(pod => pod.Status?.Phase == "Running").SelectMany(ContainerSource.RunningIn).ToHashSet();
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? version = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (version is null)
                {
                    var list = await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken);
                    var listed = list.Items.ToDictionary(Key, StringComparer.Ordinal);
                    lock (gate)
                    {
                        pods = listed;
                    }

                    version = list.Metadata.ResourceVersion;
                }

                await foreach (var (type, pod) in client.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: version,
                    timeoutSeconds: 300, cancellationToken: cancellationToken))
                {
                    lock (gate)
                    {
                        if (type is WatchEventType.Added or WatchEventType.Modified)
                        {
                            pods[Key(pod)] = pod;
                        }
                        else if (type is WatchEventType.Deleted)
                        {
                            pods.Remove(Key(pod));
                        }
                    }

                    version = pod.Metadata?.ResourceVersion ?? version;
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

    private static string Key(V1Pod pod) => $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";

    [LoggerMessage(Level = LogLevel.Debug, Message = "The pods of cluster {Cluster} are listed again: {Reason}")]
    private static partial void LogWatchBroken(ILogger logger, string cluster, string reason);
}
