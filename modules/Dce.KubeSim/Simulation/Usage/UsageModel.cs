using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Usage;

/// <summary>
/// What running containers use, read at one moment: each follows its requests and limits and a load profile, from
/// the newest run-time <see cref="LoadSetting"/> that picks its pod, else the pod's <c>kubesim.dce.io/cpu-load</c> and
/// <c>kubesim.dce.io/memory-load</c> annotations, else a steady default share of the request. The metrics API, the
/// autoscaler and anything that reports usage read this one model.
/// </summary>
public sealed class UsageModel
{
    public const string CpuLoadAnnotation = "kubesim.dce.io/cpu-load";
    public const string MemoryLoadAnnotation = "kubesim.dce.io/memory-load";

    private const double DefaultCpuFraction = 0.3;
    private const double DefaultMemoryFraction = 0.6;
    private const long SystemCpuMillis = 100;
    private const long SystemMemoryBytes = 512L << 20;

    private readonly SimulatedCluster cluster;
    private readonly IReadOnlyList<StoredObject> running;
    private readonly Dictionary<LoadSetting, int> pickedCounts = [];
    private readonly Dictionary<string, PodUsage> pods = [];

    private UsageModel(SimulatedCluster cluster)
    {
        this.cluster = cluster;
        running = cluster.Store.List(cluster.Type("", "pods").StorageKey, null, IsRunning).Items;
    }

    /// <summary>The usage of the cluster now.</summary>
    public static UsageModel Of(SimulatedCluster cluster) => new(cluster);

    /// <summary>Whether a container of the pod uses more memory than its limit (what the kubelet OOM-kills).</summary>
    public static bool MemoryOverLimit(SimulatedCluster cluster, StoredObject pod) =>
        Of(cluster).Pod(pod)?.Containers.Any(c => c.MemoryOverLimit) == true;

    public IReadOnlyList<StoredObject> RunningPods => running;

    public static bool IsRunning(StoredObject pod) => pod.Phase == "Running" && !pod.Deleting;

    /// <summary>The pod's usage, or null when it does not run (only running containers use anything).</summary>
    public PodUsage? Pod(StoredObject pod)
    {
        if (!IsRunning(pod))
        {
            return null;
        }
        if (pods.TryGetValue(pod.Key, out var known) && known is not null)
        {
            return known;
        }
        var obj = pod.Parse();
        var annotations = obj.At("metadata.annotations").StringMap();
        var settings = cluster.Load.IsEmpty ? [] : cluster.Load.In(pod.Namespace).Where(s => s.Parsed.Matches(pod.Labels)).ToList();
        var containers = (obj.At("spec.containers") as JsonArray ?? []).OfType<JsonObject>().Select(Container.From).ToList();
        var cpu = Split(pod, containers, UsageResource.Cpu, Profile(settings, s => s.Cpu, annotations, CpuLoadAnnotation));
        var memory = Split(pod, containers, UsageResource.Memory, Profile(settings, s => s.Memory, annotations, MemoryLoadAnnotation));
        var usage = new PodUsage(pod.Namespace, pod.Name, containers.Select((c, i) => new ContainerUsage(
            c.Name, c.CpuLimit is { } limit ? Math.Min(cpu[i], limit) : cpu[i], memory[i], c.MemoryLimit)).ToList());
        pods[pod.Key] = usage;
        return usage;
    }

    public NodeUsage Node(StoredObject node)
    {
        var onNode = running.Where(p => p.NodeName == node.Name).Select(Pod).OfType<PodUsage>().ToList();
        return new NodeUsage(node.Name,
            SystemCpuMillis + Jitter(node.Name, 40) + onNode.Sum(p => p.CpuMillis),
            SystemMemoryBytes + (Jitter(node.Name, 200) << 20) + onNode.Sum(p => p.MemoryBytes));
    }

    private (LoadValue? Value, LoadSetting? Setting) Profile(List<LoadSetting> settings, Func<LoadSetting, LoadValue?> pick,
        Dictionary<string, string> annotations, string annotation)
    {
        foreach (var setting in settings)
        {
            if (pick(setting) is { } value)
            {
                return (value, setting);
            }
        }
        return (annotations.TryGetValue(annotation, out var text) ? LoadValue.Parse(text) : null, null);
    }

    /// <summary>The pod's usage of one resource, container by container.</summary>
    private long[] Split(StoredObject pod, List<Container> containers, UsageResource resource, (LoadValue? Value, LoadSetting? Setting) profile)
    {
        var result = new long[containers.Count];
        var (value, setting) = profile;
        if (value?.Absolute is not null)
        {
            var perPod = value.AbsoluteIn(resource);
            if (setting is { PerPod: false })
            {
                perPod /= Math.Max(1, PickedCount(setting));
            }
            var weights = containers.Select(c => Math.Max(0, c.Request(resource) ?? 0)).ToArray();
            var total = weights.Sum();
            for (var i = 0; i < containers.Count; i++)
            {
                result[i] = total > 0 ? perPod * weights[i] / total : perPod / Math.Max(1, containers.Count);
            }
            return result;
        }
        var fraction = value?.Fraction;
        var noisy = fraction is null;
        fraction ??= resource == UsageResource.Cpu ? DefaultCpuFraction : DefaultMemoryFraction;
        for (var i = 0; i < containers.Count; i++)
        {
            var c = containers[i];
            var seed = $"{pod.Name}/{c.Name}/{resource}";
            var basis = c.Request(resource) ?? c.Limit(resource);
            if (basis is null)
            {
                result[i] = resource == UsageResource.Cpu ? 2 + Jitter(seed, 20) : (16 + Jitter(seed, 48)) << 20;
                continue;
            }
            var noise = noisy ? 1 + ((Jitter(seed, 61) - 30) / 1000.0) : 1;
            result[i] = (long)Math.Round(basis.Value * fraction.Value * noise);
        }
        return result;
    }

    private int PickedCount(LoadSetting setting)
    {
        if (!pickedCounts.TryGetValue(setting, out var count))
        {
            count = running.Count(p => p.Namespace == setting.Namespace && setting.Parsed.Matches(p.Labels));
            pickedCounts[setting] = count;
        }
        return count;
    }

    private static long Jitter(string seed, int range)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in seed)
            {
                hash = (hash * 31) + c;
            }
            return (uint)hash % (uint)range;
        }
    }

    private sealed record Container(string Name, long? CpuRequest, long? MemoryRequest, long? CpuLimit, long? MemoryLimit)
    {
        public static Container From(JsonObject c)
        {
            var requests = c.At("resources.requests");
            var limits = c.At("resources.limits");
            return new Container(c.Str("name") ?? "",
                Cpu(requests.Str("cpu")), Memory(requests.Str("memory")), Cpu(limits.Str("cpu")), Memory(limits.Str("memory")));
        }

        public long? Request(UsageResource resource) => resource == UsageResource.Cpu ? CpuRequest : MemoryRequest;

        public long? Limit(UsageResource resource) => resource == UsageResource.Cpu ? CpuLimit : MemoryLimit;

        private static long? Cpu(string? text) => text is null ? null : Quantity.MilliCpu(text);

        private static long? Memory(string? text) => text is null ? null : Quantity.Bytes(text);
    }
}
