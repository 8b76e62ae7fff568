using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Informers;
using Dce.Multicloud.Propagation.Templates;

namespace Dce.Multicloud.Propagation.Members;

/// <summary>
/// The objects this engine manages in each member, as Karmada's member-cluster informers keep them: one watch per
/// member and kind, selected by <c>karmada.io/managed=true</c>, started when first asked for, started again on the
/// member's new client when its kubeconfig changes, and stopped when the member leaves.
/// </summary>
public sealed class MemberInformers(MemberClients members, PropagationOptions options, ILogger logger, CancellationToken stopping) : IDisposable
{
    private readonly ConcurrentDictionary<(string Cluster, string Kind), Running> running = new();
    private readonly List<Action<string, JsonObject?, JsonObject?>> handlers = [];
    private readonly List<Action<string, ResourceKind>> syncedHandlers = [];
    private readonly Lock gate = new();

    /// <summary>Adds a handler called with (cluster, old, new) for each change of a managed object in any member.</summary>
    public void OnChange(Action<string, JsonObject?, JsonObject?> handler) => handlers.Add(handler);

    /// <summary>Adds a handler called with (cluster, kind) when a member's informer holds its first list.</summary>
    public void OnSynced(Action<string, ResourceKind> handler) => syncedHandlers.Add(handler);

    /// <summary>The member's informer of <paramref name="kind"/>, null while the member has no client.</summary>
    public Informer? For(string cluster, ResourceKind kind)
    {
        if (members.Get(cluster, out _) is not { } api)
        {
            return null;
        }

        lock (gate)
        {
            if (running.TryGetValue((cluster, kind.Kind), out var current) && ReferenceEquals(current.Api, api))
            {
                return current.Informer;
            }

            current?.Stop();
            var started = Start(cluster, kind, api);
            running[(cluster, kind.Kind)] = started;
            return started.Informer;
        }
    }

    /// <summary>Stops every watch of a member that left.</summary>
    public void Forget(string cluster)
    {
        lock (gate)
        {
            foreach (var key in running.Keys.Where(key => key.Cluster == cluster).ToList())
            {
                if (running.TryRemove(key, out var stopped))
                {
                    stopped.Stop();
                }
            }
        }
    }

    public void Dispose()
    {
        foreach (var watch in running.Values)
        {
            watch.Stop();
        }
    }

    private Running Start(string cluster, ResourceKind kind, KubeApi api)
    {
        var informer = new Informer(api, kind, options.WatchTimeout, logger, $"{KarmadaNames.ManagedLabel}=true", dropManagedFields: true);
        informer.OnChange((old, current) =>
        {
            foreach (var handler in handlers)
            {
                handler(cluster, old, current);
            }
        });
        var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _ = informer.RunAsync(stop.Token);
        _ = informer.Synced.ContinueWith(_ =>
        {
            foreach (var handler in syncedHandlers)
            {
                handler(cluster, kind);
            }
        }, stop.Token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        return new Running(api, informer, stop);
    }

    private sealed record Running(KubeApi Api, Informer Informer, CancellationTokenSource Cancellation)
    {
        public void Stop()
        {
            Cancellation.Cancel();
            Cancellation.Dispose();
        }
    }
}
