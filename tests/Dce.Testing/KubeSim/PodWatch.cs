using k8s;
using k8s.Models;

namespace Dce.Testing.KubeSim;

/// <summary>
/// Watches a namespace's pods from a list and, after every change, checks each group of pods (by the value of
/// <see cref="PodWatch.GroupLabel"/>, e.g. one Deployment's): the Ready ones not terminating never fewer than a floor, the
/// ones not terminating never more than a ceiling.
/// </summary>
public sealed class PodWatch : IDisposable
{
    private readonly Dictionary<string, V1Pod> _pods = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, (int Floor, int Ceiling)> _bounds;
    private readonly string _groupLabel;
    private readonly List<string> _breaches = [];
    private readonly Lock _sync = new();
    private Watcher<V1Pod>? _watcher;

    public const string GroupLabel = "app.kubernetes.io/name";

    private PodWatch(IReadOnlyDictionary<string, (int Floor, int Ceiling)> bounds, string groupLabel) => (_bounds, _groupLabel) = (bounds, groupLabel);

    public sealed record Seen(string Name, bool Ready, bool Terminating, string Image);

    /// <summary>Every time a group's pods left their bounds, described.</summary>
    public IReadOnlyList<string> Breaches
    {
        get
        {
            lock (_sync)
            {
                return [.. _breaches];
            }
        }
    }

    public IReadOnlyList<Seen> Current
    {
        get
        {
            lock (_sync)
            {
                return [.. _pods.Values.Select(p => new Seen(p.Name(), IsReady(p), p.Metadata.DeletionTimestamp is not null, p.Spec.Containers[0].Image))];
            }
        }
    }

    /// <summary>Starts watching <paramref name="ns"/>; <paramref name="bounds"/> gives floor and ceiling by the value of <paramref name="groupLabel"/>.</summary>
    public static async Task<PodWatch> StartAsync(IKubernetes client, string ns, IReadOnlyDictionary<string, (int Floor, int Ceiling)> bounds,
        string groupLabel = GroupLabel)
    {
        ArgumentNullException.ThrowIfNull(client);
        var watch = new PodWatch(bounds, groupLabel);
        var list = await client.CoreV1.ListNamespacedPodAsync(ns);
        lock (watch._sync)
        {
            foreach (var pod in list.Items)
            {
                watch._pods[pod.Name()] = pod;
            }

            watch.Check();
        }

        watch._watcher = client.CoreV1.WatchListNamespacedPod(ns, resourceVersion: list.Metadata.ResourceVersion, onEvent: watch.OnEvent,
            onError: error =>
            {
                lock (watch._sync)
                {
                    watch._breaches.Add($"watch failed: {error.Message}");
                }
            });
        return watch;
    }

    private void OnEvent(WatchEventType type, V1Pod pod)
    {
        lock (_sync)
        {
            if (type == WatchEventType.Deleted)
            {
                _pods.Remove(pod.Name());
            }
            else if (type is WatchEventType.Added or WatchEventType.Modified)
            {
                _pods[pod.Name()] = pod;
            }

            Check();
        }
    }

    private void Check()
    {
        foreach (var (group, (floor, ceiling)) in _bounds)
        {
            var live = _pods.Values.Where(p => p.GetLabel(_groupLabel) == group && p.Metadata.DeletionTimestamp is null).ToList();
            var ready = live.Count(IsReady);
            if (ready < floor || live.Count > ceiling)
            {
                _breaches.Add($"{group}: {ready} Ready of {live.Count} pods (at least {floor} Ready, at most {ceiling} pods)");
            }
        }
    }

    private static bool IsReady(V1Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public void Dispose() => _watcher?.Dispose();
}
