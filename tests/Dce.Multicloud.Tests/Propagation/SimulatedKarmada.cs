using System.Text;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Outbound;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Propagation;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Templates;
using Dce.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dce.Multicloud.Tests.Propagation;

/// <summary>
/// For benchmarks: a simulated control plane (API server only) and members, wherever KubeSim runs, joined as Clusters
/// and served by one propagation engine in the test process; disposing it stops the engine.
/// </summary>
public sealed class SimulatedKarmada : IAsyncDisposable
{
    public const string Host = "karmada-host";

    private readonly CancellationTokenSource stop;
    private readonly Task engine;

    private SimulatedKarmada(KubeApi api, IReadOnlyList<string> memberNames, IReadOnlyList<KubeApi> members, CancellationTokenSource stop, Task engine)
    {
        Api = api;
        MemberNames = memberNames;
        Members = members;
        this.stop = stop;
        this.engine = engine;
    }

    public static KubeconfigLoader Loader { get; } = new(new OutboundPolicy(Options.Create(new OutboundOptions { AllowNetworks = ["127.0.0.1/32"] })));

    /// <summary>The control plane's settings for KubeSim: it serves the API only, as Karmada's API server.</summary>
    public static Dictionary<string, string?> HostSettings => ApiServerOnly(1);

    /// <summary>Settings for KubeSim under which the first <paramref name="clusters"/> clusters serve the API only (no nodes or pods simulated).</summary>
    public static Dictionary<string, string?> ApiServerOnly(int clusters) =>
        Enumerable.Range(0, clusters).ToDictionary(i => $"KubeSim:Clusters:{i}:ApiServerOnly", _ => (string?)"true");

    public KubeApi Api { get; }

    public IReadOnlyList<string> MemberNames { get; }

    /// <summary>A client per member, in the order of <see cref="MemberNames"/>.</summary>
    public IReadOnlyList<KubeApi> Members { get; }

    /// <summary>The control plane first, then <c>member-1</c> … <c>member-<paramref name="members"/></c>.</summary>
    public static IReadOnlyList<string> ClusterNames(int members) => [Host, .. Enumerable.Range(1, members).Select(i => $"member-{i}")];

    /// <summary>Starts the engine, joins every member of <paramref name="clusterNames"/> and waits until all are Ready.</summary>
    public static async Task<SimulatedKarmada> StartAsync(Func<string, string> kubeconfigOf, IReadOnlyList<string> clusterNames, PropagationOptions options)
    {
        var memberNames = clusterNames.Where(name => name != Host).ToList();
        var api = KubeApi.FromKubeconfig(kubeconfigOf(Host), Loader);
        var stop = new CancellationTokenSource();
        var engine = Task.Run(() => PropagationEngine.RunAsync(Host, kubeconfigOf(Host), Loader, options, TimeProvider.System, NullLogger.Instance, stop.Token));
        var members = memberNames.Select(name => KubeApi.FromKubeconfig(kubeconfigOf(name), Loader)).ToList();
        var controlPlane = new SimulatedKarmada(api, memberNames, members, stop, engine);
        await Eventually.Until(async () => await JoinAsync(api, kubeconfigOf, memberNames), "Karmada's CRDs served", TimeSpan.FromMinutes(2));
        await Eventually.Until(async () => await controlPlane.ReadyMembersAsync() == memberNames.Count, "members Ready", TimeSpan.FromMinutes(2));
        return controlPlane;
    }

    public KubeApi Member(string name) => Members[MemberNames.ToList().IndexOf(name)];

    public async Task<int> ReadyMembersAsync() =>
        (await Api.ListAsync(Kinds.Cluster, null, null, CancellationToken.None)).Items.Count(cluster => Conditions.IsTrue(cluster["status"] as JsonObject, "Ready"));

    public Task CreateAsync(ResourceKind kind, string? ns, string json) =>
        Api.CreateAsync(kind, ns, JsonNode.Parse(json)!.AsObject(), CancellationToken.None);

    /// <summary>Creates <paramref name="ns"/> with a PropagationPolicy for all its Deployments, placed by <paramref name="placementJson"/>.</summary>
    public async Task CreateNamespaceWithPolicyAsync(string ns, string placementJson)
    {
        await Api.EnsureNamespaceAsync(ns, CancellationToken.None);
        await Api.CreateAsync(Kinds.PropagationPolicy, ns, new JsonObject
        {
            ["apiVersion"] = "policy.karmada.io/v1alpha1", ["kind"] = "PropagationPolicy",
            ["metadata"] = new JsonObject { ["name"] = "all", ["namespace"] = ns },
            ["spec"] = new JsonObject
            {
                ["resourceSelectors"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment" }),
                ["placement"] = JsonNode.Parse(placementJson),
            },
        }, CancellationToken.None);
    }

    public async Task<List<JsonObject>> BindingsAsync(string ns) =>
        (await Api.ListAsync(Kinds.ResourceBinding, ns, null, CancellationToken.None)).Items;

    public async Task CreateDeploymentsAsync(string ns, int count, string image, int replicas)
    {
        for (var i = 0; i < count; i++)
        {
            await Api.CreateAsync(TemplateKinds.Deployment, ns, Deployment(ns, $"w{i}", image, replicas), CancellationToken.None);
        }
    }

    /// <summary>How many Deployments of <paramref name="ns"/> carry <paramref name="image"/>, summed over the members.</summary>
    public async Task<int> CountAsync(string ns, string image)
    {
        var total = 0;
        foreach (var member in Members)
        {
            var (items, _) = await member.ListAsync(TemplateKinds.Deployment, ns, null, CancellationToken.None);
            total += items.Count(item => ImageOf(item) == image);
        }

        return total;
    }

    /// <summary>In how many members the Deployment <paramref name="name"/> carries <paramref name="image"/>.</summary>
    public async Task<int> ImagesAsync(string ns, string name, string image)
    {
        var found = await Task.WhenAll(Members.Select(member => member.GetAsync(TemplateKinds.Deployment, ns, name, CancellationToken.None)));
        return found.Count(item => ImageOf(item) == image);
    }

    public static JsonObject Deployment(string ns, string name, string image, int replicas) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = image }) },
            },
        },
    };

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await engine;
        stop.Dispose();
        foreach (var member in Members)
        {
            member.Dispose();
        }

        Api.Dispose();
    }

    private static string? ImageOf(JsonObject? deployment) =>
        deployment?["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.GetValue<string>();

    private static async Task<bool> JoinAsync(KubeApi api, Func<string, string> kubeconfigOf, IEnumerable<string> members)
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
                    ["data"] = new JsonObject { ["kubeconfig"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(kubeconfigOf(name))) },
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
}
