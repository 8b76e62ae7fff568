using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation;

/// <summary>
/// Holds back a controller's pod creation after the API refused one, as a controller's rate-limited requeue does:
/// retried after a doubling delay, or at once when the namespace's quotas change (their usage went down or the
/// limits were raised). Without it every refusal, and the event it records, would wake the controllers again.
/// </summary>
public sealed class CreateBackoff
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, Failure> failures = new(StringComparer.Ordinal);

    public bool MayCreate(SimulatedCluster cluster, StoredObject owner, DateTime now) =>
        !failures.TryGetValue(owner.Uid, out var failure) || now >= failure.NotBefore || failure.QuotaState != QuotaState(cluster, owner.Namespace);

    public void Failed(SimulatedCluster cluster, StoredObject owner, DateTime now)
    {
        var delay = failures.TryGetValue(owner.Uid, out var last) ? TimeSpan.FromTicks(Math.Min(last.Delay.Ticks * 2, MaxDelay.Ticks)) : FirstDelay;
        failures[owner.Uid] = new Failure(now + delay, delay, QuotaState(cluster, owner.Namespace));
    }

    public void Succeeded(StoredObject owner) => failures.Remove(owner.Uid);

    /// <summary>Forgets owners that are gone.</summary>
    public void KeepOnly(IEnumerable<StoredObject> owners)
    {
        if (failures.Count == 0)
        {
            return;
        }
        var live = owners.Select(o => o.Uid).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in failures.Keys.Where(uid => !live.Contains(uid)).ToList())
        {
            failures.Remove(gone);
        }
    }

    private static string QuotaState(SimulatedCluster cluster, string ns) =>
        string.Join(",", cluster.Store.List(cluster.Type("", "resourcequotas").StorageKey, ns).Items.Select(q => q.Uid + ":" + q.ResourceVersion));

    private sealed record Failure(DateTime NotBefore, TimeSpan Delay, string QuotaState);
}
