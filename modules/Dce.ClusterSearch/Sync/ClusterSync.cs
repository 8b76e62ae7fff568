using Dce.ClusterSearch.Model;

namespace Dce.ClusterSearch.Sync;

/// <summary>The running sync of one cluster: one <see cref="ResourceSync"/> per configured type over one connection.</summary>
internal sealed class ClusterSync : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ClusterConnection _connection;
    private readonly Task[] _syncs;

    public ClusterSync(string cluster, string protectedKubeconfig, ClusterConnection connection, IReadOnlyList<ResourceType> types,
        ResourceIndexWriter writer, SyncStatusRegistry status, ClusterSearchOptions options, TimeProvider time, ILogger logger)
    {
        Cluster = cluster;
        ProtectedKubeconfig = protectedKubeconfig;
        Types = types;
        _connection = connection;
        _syncs = [.. types.Select(type =>
        {
            var sync = new ResourceSync(cluster, type, _connection, writer, status.For(cluster, type), options, time, logger);
            return Task.Run(() => sync.RunAsync(_stopping.Token));
        })];
    }

    public string Cluster { get; }

    /// <summary>The types it syncs.</summary>
    public IReadOnlyList<ResourceType> Types { get; }

    /// <summary>When its types were last confirmed against the cluster's discovery.</summary>
    public DateTimeOffset TypesResolvedAt { get; set; }

    /// <summary>The connection its syncs share, also for asking the cluster's discovery again.</summary>
    public ClusterConnection Connection => _connection;

    /// <summary>The sealed kubeconfig it was started with: a different one restarts the sync.</summary>
    public string ProtectedKubeconfig { get; }

    /// <summary>The sync settings' revision it was started with (null: the defaults); another restarts the sync.</summary>
    public Guid? SettingsRevision { get; init; }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_syncs);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected end of every sync.
        }

        _connection.Dispose();
        _stopping.Dispose();
    }
}
