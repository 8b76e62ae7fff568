using k8s;
using k8s.Models;

namespace Dce.KubeSim.Tests.Termination;

/// <summary>Every change to a namespace's pods, watched from a list: the most pods not terminating and the fewest Ready ones seen at once.</summary>
internal sealed class PodWatch : IDisposable
{
    private readonly Dictionary<string, V1Pod> pods = new(StringComparer.Ordinal);
    private readonly object sync = new();
    private Watcher<V1Pod>? watcher;

    public sealed record Seen(string Name, bool Ready, bool Terminating, string Image);

    public int MaxLive { get; private set; }

    public int MinReadyAfterStart { get; private set; } = int.MaxValue;

    public IReadOnlyList<Seen> Current
    {
        get
        {
            lock (sync)
            {
                return pods.Values.Select(p => new Seen(p.Name(), IsReady(p), p.Metadata.DeletionTimestamp is not null, p.Spec.Containers[0].Image)).ToList();
            }
        }
    }

    public static async Task<PodWatch> StartAsync(IKubernetes client, string ns)
    {
        var watch = new PodWatch();
        var list = await client.CoreV1.ListNamespacedPodAsync(ns);
        foreach (var pod in list.Items)
        {
            watch.pods[pod.Name()] = pod;
        }
        watch.Observe();
        watch.watcher = client.CoreV1.WatchListNamespacedPod(ns, resourceVersion: list.Metadata.ResourceVersion, onEvent: watch.OnEvent);
        return watch;
    }

    private void OnEvent(WatchEventType type, V1Pod pod)
    {
        lock (sync)
        {
            if (type == WatchEventType.Deleted)
            {
                pods.Remove(pod.Name());
            }
            else if (type is WatchEventType.Added or WatchEventType.Modified)
            {
                pods[pod.Name()] = pod;
            }
            Observe();
        }
    }

    private void Observe()
    {
        var live = pods.Values.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
        MaxLive = Math.Max(MaxLive, live.Count);
        MinReadyAfterStart = Math.Min(MinReadyAfterStart, live.Count(IsReady));
    }

    private static bool IsReady(V1Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public void Dispose() => watcher?.Dispose();
}
