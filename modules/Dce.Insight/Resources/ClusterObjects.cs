using Dce.Insight.Apis;
using Dce.Insight.Metrics;

namespace Dce.Insight.Resources;

/// <summary>
/// A cluster's nodes, workloads and pods as the last scrapes saw them, read from the metrics engine within the caller's
/// scope: each answer is the problem to return instead, or the rows.
/// </summary>
internal sealed class ClusterObjects(HttpContext http, MetricsStore store, string cluster)
{
    public async Task<(IResult? Problem, IReadOnlyList<NodeRow> Rows)> NodesAsync()
    {
        var (problem, found) = await QueryAllAsync(null, KubeStateQueries.Nodes, KubeStateQueries.ReadyNodes, "count by (node) (count by (node, namespace, pod) (kube_pod_info))",
            "count by (node) (count by (node, namespace, pod) (kube_pod_info) * on (namespace, pod) group_left () (kube_pod_status_phase{phase=\"Running\"} == 1))");
        if (problem is not null)
        {
            return (problem, []);
        }

        var (info, ready, pods, running) = (found[0], found[1], ByLabel(found[2], "node"), ByLabel(found[3], "node"));
        var readyNodes = ready.Select(sample => sample.Label("node")).ToHashSet(StringComparer.Ordinal);
        return (null, [.. info.Select(node => new NodeRow(node.Label("node"), readyNodes.Contains(node.Label("node")),
                new Counted((int)pods.GetValueOrDefault(node.Label("node")), (int)running.GetValueOrDefault(node.Label("node"))),
                node.Label("internal_ip"), node.Label("kubelet_version"), node.Label("os_image")))
            .OrderBy(node => node.Name, StringComparer.Ordinal)]);
    }

    public async Task<(IResult? Problem, IReadOnlyList<WorkloadRow> Rows)> WorkloadsAsync(WorkloadKind kind, string? ns)
    {
        var (desired, readyQuery, label, _) = KubeStateQueries.Workload(kind);
        var (problem, found) = await QueryAllAsync(ns, desired, readyQuery);
        if (problem is not null)
        {
            return (problem, []);
        }

        var ready = found[1].ToDictionary(sample => (sample.Label("namespace"), sample.Label(label)), sample => sample.Value);
        return (null, [.. found[0].Select(workload => new WorkloadRow(workload.Label(label), workload.Label("namespace"), kind,
                (int)workload.Value, (int)ready.GetValueOrDefault((workload.Label("namespace"), workload.Label(label)))))
            .OrderBy(workload => workload.Namespace, StringComparer.Ordinal).ThenBy(workload => workload.Name, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The pods in <paramref name="ns"/> (every namespace in scope when null) whose <c>kube_pod_info</c> also matches
    /// <paramref name="matchers"/>: names, phases, nodes, addresses and owners, without containers or usage
    /// (<see cref="WithUsageAsync"/> reads those for the pods shown).
    /// </summary>
    public async Task<(IResult? Problem, IReadOnlyList<PodRow> Rows)> PodsAsync(string? ns, string matchers = "")
    {
        var info = matchers.Length == 0 ? KubeStateQueries.Pods : $"{KubeStateQueries.Pods}{{{matchers}}}";
        var (problem, found) = await QueryAllAsync(ns, info, KubeStateQueries.PodPhases, $"timestamp({info})");
        if (problem is not null)
        {
            return (problem, []);
        }

        var phases = found[1].ToDictionary(PodKey, sample => sample.Label("phase"));
        return (null, [.. Latest(found[0], found[2]).Select(pod => new PodRow(pod.Label("pod"), pod.Label("namespace"), phases.GetValueOrDefault(PodKey(pod), "Unknown"),
                pod.Label("node"), pod.Label("pod_ip"), default, 0, 0, 0, pod.Label("created_by_kind"), pod.Label("created_by_name")))
            .OrderBy(pod => pod.Namespace, StringComparer.Ordinal).ThenBy(pod => pod.Name, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// <paramref name="pods"/> with their containers, restarts, CPU and memory, read for these pods only: a page of 50 of a
    /// cluster's thousands reads 50 pods' usage series.
    /// </summary>
    public async Task<(IResult? Problem, IReadOnlyList<PodRow> Rows)> WithUsageAsync(string? ns, IReadOnlyList<PodRow> pods)
    {
        if (pods.Count == 0)
        {
            return (null, pods);
        }

        var these = "pod=~" + KubeStateQueries.Quote(string.Join('|', pods.Select(pod => KubeStateQueries.Literal(pod.Name)).Distinct(StringComparer.Ordinal)));
        var (problem, found) = await QueryAllAsync(ns, KubeStateQueries.ReadyContainers(these), KubeStateQueries.Restarts(these),
            KubeStateQueries.PodCpu(these), KubeStateQueries.PodMemory(these));
        if (problem is not null)
        {
            return (problem, []);
        }

        var containers = found[0].GroupBy(PodKey).ToDictionary(group => group.Key, group => new Counted(group.Count(), group.Count(c => c.Value == 1)));
        var (restarts, cpu, memory) = (ByPod(found[1]), ByPod(found[2]), ByPod(found[3]));
        return (null, [.. pods.Select(pod => pod with
        {
            Containers = containers.GetValueOrDefault((pod.Namespace, pod.Name)),
            Restarts = (int)restarts.GetValueOrDefault((pod.Namespace, pod.Name)),
            CpuCores = cpu.GetValueOrDefault((pod.Namespace, pod.Name)),
            MemoryBytes = memory.GetValueOrDefault((pod.Namespace, pod.Name)),
        })]);
    }

    public async Task<(IResult? Problem, IReadOnlyList<string> Names)> NamespacesAsync()
    {
        var (problem, found) = await QueryAllAsync(null, KubeStateQueries.Namespaces, "count by (namespace) (kube_pod_info)");
        return (problem, [.. found.SelectMany(samples => samples).Select(sample => sample.Label("namespace"))
            .Where(name => name.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    /// <summary>Runs <paramref name="queries"/> together; the first problem any of them met, or every answer in order.</summary>
    private async Task<(IResult? Problem, IReadOnlyList<Sample>[] Found)> QueryAllAsync(string? ns, params string[] queries)
    {
        var answers = await Task.WhenAll(queries.Select(query => ScopedQuery.VectorAsync(http, store, query, cluster, ns)));
        return (answers.Select(answer => answer.Problem).FirstOrDefault(problem => problem is not null), [.. answers.Select(answer => answer.Samples)]);
    }

    /// <summary>
    /// One series per pod: the one sampled last. A pod's info labels change as it is scheduled (node, IPs), and the engine
    /// keeps answering the series it no longer gets for its look-back window.
    /// </summary>
    private static IEnumerable<Sample> Latest(IReadOnlyList<Sample> info, IReadOnlyList<Sample> sampledAt)
    {
        var at = sampledAt.GroupBy(SeriesKey).ToDictionary(group => group.Key, group => group.Max(sample => sample.Value), StringComparer.Ordinal);
        return info.GroupBy(PodKey).Select(pod => pod.MaxBy(series => at.GetValueOrDefault(SeriesKey(series)))!);
    }

    private static string SeriesKey(Sample sample) =>
        string.Join(',', sample.Labels.Where(label => label.Key != "__name__").OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}={label.Value}"));

    private static Dictionary<string, double> ByLabel(IReadOnlyList<Sample> samples, string label) =>
        samples.GroupBy(sample => sample.Label(label), StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First().Value, StringComparer.Ordinal);

    private static Dictionary<(string, string), double> ByPod(IReadOnlyList<Sample> samples) =>
        samples.GroupBy(PodKey).ToDictionary(group => group.Key, group => group.First().Value);

    private static (string Namespace, string Pod) PodKey(Sample sample) => (sample.Label("namespace"), sample.Label("pod"));
}

internal sealed record NodeRow(string Name, bool Ready, Counted Pods, string InternalIp, string KubeletVersion, string OsImage);

internal sealed record WorkloadRow(string Name, string Namespace, WorkloadKind Kind, int Desired, int Ready);

internal sealed record PodRow(string Name, string Namespace, string Phase, string Node, string PodIp, Counted Containers, int Restarts,
    double CpuCores, double MemoryBytes, string OwnerKind, string OwnerName);
