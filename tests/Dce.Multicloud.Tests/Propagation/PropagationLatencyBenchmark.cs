using Dce.Kubernetes.Resources;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Outbound;
using Dce.Multicloud.Propagation;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Templates;
using Dce.Testing;
using Dce.Testing.KubeSim;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Dce.Multicloud.Tests.Propagation;

/// <summary>Runs only with <c>DCE_PROPAGATION_BENCHMARK=1</c>: it measures, and asserts no duration.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("DCE_PROPAGATION_BENCHMARK") != "1")
        {
            Skip = "Set DCE_PROPAGATION_BENCHMARK=1 to measure propagation latency.";
        }
    }
}

public sealed class PropagationLatencyBenchmark(ITestOutputHelper output)
{
    private const int Members = 10;
    private const int Workloads = 100;

    [BenchmarkFact]
    public async Task Image_changes_of_100_workloads_reach_10_members()
    {
        var names = new[] { "karmada-host" }.Concat(Enumerable.Range(1, Members).Select(i => $"member-{i}")).ToList();
        await using var clusters = await SimulatedClusters.StartAsync(names, workerNodes: 2, settings: new Dictionary<string, string?> { ["KubeSim:Clusters:0:ApiServerOnly"] = "true" });
        var loader = new KubeconfigLoader(new OutboundPolicy(Options.Create(new OutboundOptions { AllowNetworks = ["127.0.0.1/32"] })));
        using var api = KubeApi.FromKubeconfig(clusters.Kubeconfig("karmada-host"), loader);
        using var stop = new CancellationTokenSource();
        var engine = Task.Run(() => PropagationEngine.RunAsync("karmada-host", clusters.Kubeconfig("karmada-host"), loader, KarmadaFixture.EngineOptions("bench"), TimeProvider.System, NullLogger.Instance, stop.Token));
        await Eventually.Until(async () => await JoinAsync(api, clusters, names.Skip(1)), "Karmada's CRDs served");
        await Eventually.Until(async () => (await api.ListAsync(Kinds.Cluster, null, null, CancellationToken.None)).Items.Count(c => Conditions.IsTrue(c["status"] as JsonObject, "Ready")) == Members, "members Ready");
        await api.EnsureNamespaceAsync("bench", CancellationToken.None);
        var initial = Stopwatch.StartNew();
        await api.CreateAsync(Kinds.ClusterPropagationPolicy, null, JsonNode.Parse("""
            {"apiVersion":"policy.karmada.io/v1alpha1","kind":"ClusterPropagationPolicy","metadata":{"name":"all"},
             "spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment"}],"placement":{}}}
            """)!.AsObject(), CancellationToken.None);
        for (var i = 0; i < Workloads; i++)
        {
            await api.CreateAsync(TemplateKinds.Deployment, "bench", Deployment($"w{i}", "nginx:1.27"), CancellationToken.None);
        }

        var members = names.Skip(1).Select(name => KubeApi.FromKubeconfig(clusters.Kubeconfig(name), loader)).ToList();
        await Eventually.Until(async () => await CountAsync(members, "nginx:1.27") == Members * Workloads, "every workload in every member", TimeSpan.FromMinutes(5));
        output.WriteLine($"{Workloads} templates and their policy → {Members * Workloads} objects in {Members} members: {initial.Elapsed.TotalSeconds:F1} s");

        var latencies = new List<double>();
        for (var i = 0; i < Workloads; i++)
        {
            var started = Stopwatch.StartNew();
            await api.UpdateAsync(TemplateKinds.Deployment, "bench", $"w{i}", template =>
            {
                template["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "nginx:1.28";
                return true;
            }, CancellationToken.None);
            await Eventually.Until(async () => await ImagesAsync(members, $"w{i}", "nginx:1.28") == Members, "the change in every member");
            latencies.Add(started.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"template written → all {Members} members, with {Workloads} workloads: p50 {Percentiles.Of(latencies, 50):F0} ms, " +
            $"p99 {Percentiles.Of(latencies, 99):F0} ms, max {latencies.Max():F0} ms ({latencies.Count} changes, one per workload)");
        members.ForEach(member => member.Dispose());
        await stop.CancelAsync();
        await engine;
    }

    private static async Task<bool> JoinAsync(KubeApi api, SimulatedClusters clusters, IEnumerable<string> members)
    {
        try
        {
            await api.EnsureNamespaceAsync("karmada-cluster", CancellationToken.None);
            foreach (var name in members)
            {
                await CreateOrKeepAsync(api, Kinds.Secret, "karmada-cluster", new JsonObject
                {
                    ["apiVersion"] = "v1", ["kind"] = "Secret",
                    ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "karmada-cluster" },
                    ["data"] = new JsonObject { ["kubeconfig"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(clusters.Kubeconfig(name))) },
                });
                await CreateOrKeepAsync(api, Kinds.Cluster, null, new JsonObject
                {
                    ["apiVersion"] = "cluster.karmada.io/v1alpha1", ["kind"] = "Cluster",
                    ["metadata"] = new JsonObject { ["name"] = name },
                    ["spec"] = new JsonObject { ["syncMode"] = "Push" },
                });
            }

            return true;
        }
        catch (KubeApiException)
        {
            return false;
        }
    }

    private static async Task CreateOrKeepAsync(KubeApi api, ResourceKind kind, string? ns, JsonObject body)
    {
        try
        {
            await api.CreateAsync(kind, ns, body, CancellationToken.None);
        }
        catch (KubeApiException error) when (error.IsAlreadyExists)
        {
        }
    }

    private static async Task<int> CountAsync(List<KubeApi> members, string image)
    {
        var total = 0;
        foreach (var member in members)
        {
            var (items, _) = await member.ListAsync(TemplateKinds.Deployment, "bench", null, CancellationToken.None);
            total += items.Count(item => item["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.GetValue<string>() == image);
        }

        return total;
    }

    private static async Task<int> ImagesAsync(List<KubeApi> members, string name, string image)
    {
        var found = await Task.WhenAll(members.Select(member => member.GetAsync(TemplateKinds.Deployment, "bench", name, CancellationToken.None)));
        return found.Count(item => item?["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.GetValue<string>() == image);
    }

    private static JsonObject Deployment(string name, string image) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "bench" },
        ["spec"] = new JsonObject
        {
            ["replicas"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = image }) },
            },
        },
    };
}
