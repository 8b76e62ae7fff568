using System.Collections.Concurrent;
using Dce.Kubernetes.Selectors;

namespace Dce.KubeSim.Simulation.Usage;

/// <summary>
/// Load set at run time for the pods a label selector picks in a namespace. An absolute value is the total of all
/// running pods it picks (it divides when the workload scales) unless <see cref="PerPod"/>; a fraction is per pod.
/// </summary>
public sealed record LoadSetting(string Namespace, string Selector, LoadValue? Cpu, LoadValue? Memory, bool PerPod)
{
    public LabelSelector Parsed { get; } = LabelSelector.Parse(Selector);

    internal long Order { get; init; }
}

/// <summary>A cluster's run-time load settings; the newest setting that picks a pod wins, per resource.</summary>
public sealed class LoadSettings
{
    private readonly ConcurrentDictionary<(string Namespace, string Selector), LoadSetting> settings = new();
    private long order;

    public void Set(LoadSetting setting) =>
        settings[(setting.Namespace, setting.Selector)] = setting with { Order = Interlocked.Increment(ref order) };

    /// <summary>Removes the setting of one selector, or every setting of the namespace when none is given.</summary>
    public int Clear(string ns, string? selector)
    {
        var removed = 0;
        foreach (var key in settings.Keys.Where(k => k.Namespace == ns && (selector is null || k.Selector == selector)))
        {
            removed += settings.TryRemove(key, out _) ? 1 : 0;
        }
        return removed;
    }

    public IReadOnlyList<LoadSetting> In(string ns) =>
        settings.Values.Where(s => s.Namespace == ns).OrderByDescending(s => s.Order).ToList();

    public bool IsEmpty => settings.IsEmpty;
}
