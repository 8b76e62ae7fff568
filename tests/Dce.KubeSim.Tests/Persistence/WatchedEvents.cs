using System.Globalization;
using k8s;
using k8s.Models;

namespace Dce.KubeSim.Tests.Persistence;

/// <summary>What a KubernetesClient watch of config maps delivered: type, name and resourceVersion of each event.</summary>
internal sealed class WatchedEvents
{
    private readonly List<(WatchEventType Type, string Name, long Version)> events = [];
    private readonly TaskCompletionSource<Exception> failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(WatchEventType type, V1ConfigMap map)
    {
        lock (events)
        {
            events.Add((type, map.Metadata.Name, long.Parse(map.Metadata.ResourceVersion, CultureInfo.InvariantCulture)));
        }
    }

    public void Fail(Exception error) => failed.TrySetResult(error);

    /// <summary>The events once at least <paramref name="count"/> arrived.</summary>
    public async Task<(WatchEventType Type, string Name, long Version)[]> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow + Dce.Testing.Eventually.Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (failed.Task.IsCompleted)
            {
                throw new InvalidOperationException("The watch failed.", failed.Task.Result);
            }
            lock (events)
            {
                if (events.Count >= count)
                {
                    return [.. events];
                }
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Expected {count} watch events.");
    }
}
