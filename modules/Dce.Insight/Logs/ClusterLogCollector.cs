using Npgsql;

namespace Dce.Insight.Logs;

/// <summary>
/// Collects one cluster's events and container logs: every resync reads the watched pods, follows each running container
/// not yet followed (up to the stream limit) and stops following containers that are gone.
/// </summary>
public sealed partial class ClusterLogCollector(string cluster, k8s.Kubernetes client, LogWriter writer, EventWriter events, NpgsqlDataSource database,
    LogsOptions options, ILogger logger)
{
    private static readonly TimeSpan FailedStreamPause = TimeSpan.FromSeconds(5);
    private readonly Dictionary<ContainerSource, (Task Task, CancellationTokenSource Stop)> followed = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var eventsTask = new EventCollector(cluster, client, events, logger).RunAsync(cancellationToken);
        var pods = new PodWatch(cluster, client, logger);
        var podsTask = pods.RunAsync(cancellationToken);
        try
        {
            using var timer = new PeriodicTimer(options.PodResyncInterval);
            do
            {
                try
                {
                    await ResyncAsync(pods.RunningContainers(), cancellationToken);
                }
                catch (Exception error) when (!cancellationToken.IsCancellationRequested)
                {
                    LogResyncFailed(logger, cluster, error.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        finally
        {
            foreach (var (task, stop) in followed.Values)
            {
                await stop.CancelAsync();
                await task.ContinueWith(_ => { }, TaskScheduler.Default);
                stop.Dispose();
            }

            await eventsTask.ContinueWith(_ => { }, TaskScheduler.Default);
            await podsTask.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task ResyncAsync(HashSet<ContainerSource> running, CancellationToken cancellationToken)
    {
        foreach (var (source, (task, stop)) in followed.Where(entry => entry.Value.Task.IsCompleted || !running.Contains(entry.Key)).ToList())
        {
            await stop.CancelAsync();
            stop.Dispose();
            followed.Remove(source);
        }

        foreach (var source in running.Where(source => !followed.ContainsKey(source)).Take(Math.Max(0, options.MaxStreamsPerCluster - followed.Count)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            followed[source] = (FollowAsync(source, stop.Token), stop);
        }
    }

    private async Task FollowAsync(ContainerSource source, CancellationToken cancellationToken)
    {
        try
        {
            await new ContainerLogFollower(cluster, client, source, writer, database).RunAsync(cancellationToken);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogFollowFailed(logger, cluster, source.Namespace, source.Pod, source.Container, error.Message);
            // Holding the stream a while keeps a failing container from being asked again on every resync.
            await Task.Delay(FailedStreamPause, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The log streams of cluster {Cluster} could not be resynced: {Reason}")]
    private static partial void LogResyncFailed(ILogger logger, string cluster, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The log of {Cluster}/{Namespace}/{Pod}/{Container} stopped: {Reason}")]
    private static partial void LogFollowFailed(ILogger logger, string cluster, string @namespace, string pod, string container, string reason);
}
