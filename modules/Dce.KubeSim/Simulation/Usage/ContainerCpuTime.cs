namespace Dce.KubeSim.Simulation.Usage;

/// <summary>
/// The CPU seconds each running container has used, as cAdvisor counts them: the usage model's CPU integrated over time,
/// advanced whenever it is read. A container first read is taken to have used its current CPU since it started; the
/// count only grows while the container runs, whatever the load does.
/// </summary>
public sealed class ContainerCpuTime
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string PodUid, string Container), (double Seconds, DateTime ReadAt)> accounts = [];

    /// <summary>The container's CPU seconds at <paramref name="now"/>, using <paramref name="cpuMillis"/> since it was last read.</summary>
    public double Read(string podUid, string container, DateTime startedAt, long cpuMillis, DateTime now)
    {
        var cores = Math.Max(0, cpuMillis) / 1000.0;
        lock (gate)
        {
            var (seconds, readAt) = accounts.TryGetValue((podUid, container), out var account) ? account : (0d, startedAt < now ? startedAt : now);
            if (now > readAt)
            {
                seconds += (now - readAt).TotalSeconds * cores;
                readAt = now;
            }
            accounts[(podUid, container)] = (seconds, readAt);
            return seconds;
        }
    }

    /// <summary>Drops the accounts of the pods that no longer run.</summary>
    public void KeepOnly(IReadOnlySet<string> runningPodUids)
    {
        lock (gate)
        {
            foreach (var key in accounts.Keys.Where(k => !runningPodUids.Contains(k.PodUid)).ToList())
            {
                accounts.Remove(key);
            }
        }
    }
}
