using k8s;
using k8s.Models;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>
/// Watches the pods of the modules' Deployments from a list and, after every change, checks each Deployment's pods:
/// the Ready ones not terminating never fewer than a floor, the ones not terminating never more than a ceiling.
/// </summary>
internal sealed class ModulePodWatch : IDisposable
{
    private readonly Dictionary<string, V1Pod> pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Floor, int Ceiling)> bounds;
    private readonly List<string> breaches = [];
    private readonly object sync = new();
    private Watcher<V1Pod>? watcher;

    private ModulePodWatch(Dictionary<string, (int Floor, int Ceiling)> bounds) => this.bounds = bounds;

    /// <summary>Every time a Deployment's pods left their bounds, described.</summary>
    public IReadOnlyList<string> Breaches
    {
        get
        {
            lock (sync)
            {
                return breaches.ToList();
            }
        }
    }

    public static async Task<ModulePodWatch> StartAsync(IKubernetes client, string ns, Dictionary<string, (int Floor, int Ceiling)> bounds)
    {
        var watch = new ModulePodWatch(bounds);
        var list = await client.CoreV1.ListNamespacedPodAsync(ns);
        lock (watch.sync)
        {
            foreach (var pod in list.Items)
            {
                watch.pods[pod.Name()] = pod;
            }
            watch.Check();
        }
        watch.watcher = client.CoreV1.WatchListNamespacedPod(ns, resourceVersion: list.Metadata.ResourceVersion, onEvent: watch.OnEvent,
            onError: error => { lock (watch.sync) { watch.breaches.Add($"watch failed: {error.Message}"); } });
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
            Check();
        }
    }

    private void Check()
    {
        foreach (var (deployment, (floor, ceiling)) in bounds)
        {
            var live = pods.Values.Where(p => p.GetLabel("app.kubernetes.io/name") == deployment && p.Metadata.DeletionTimestamp is null).ToList();
            var ready = live.Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
            if (ready < floor || live.Count > ceiling)
            {
                breaches.Add($"{deployment}: {ready} Ready of {live.Count} pods (at least {floor} Ready, at most {ceiling} pods)");
            }
        }
    }

    public void Dispose() => watcher?.Dispose();
}
