using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Outbound;
using Dce.Multicloud.Apis.Members;
using Dce.Multicloud.Engine.Crds;
using Dce.Multicloud.Model;
using Dce.Multicloud.Propagation;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Leadership;
using Dce.Multicloud.Propagation.Templates;
using Dce.Multicloud.Tests.Propagation;
using Dce.Testing;
using Dce.Testing.KubeSim;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dce.Multicloud.Tests.Api;

/// <summary>
/// The Karmada an external instance is joined to: the real one whose kubeconfig file <see cref="KubeconfigVariable"/>
/// names, its members already joined, or else a stand-in: a simulated API server serving Karmada's CRDs, with simulated
/// members joined to it, whose controllers (the propagation engine as <see cref="StandInReplica"/>) start only when asked.
/// </summary>
public sealed class ExternalKarmada : IAsyncDisposable
{
    public const string KubeconfigVariable = "DCE_TEST_KARMADA_KUBECONFIG";
    public const string StandInReplica = "stand-in-karmada";
    private const string StandInControlPlane = "karmada-apiserver";
    private static readonly string[] StandInMembers = ["member-1", "member-2"];

    private readonly SimulatedClusters? standIn;
    private readonly KubeconfigLoader loader;
    private readonly CancellationTokenSource stop = new();
    private Task controllers = Task.CompletedTask;

    private ExternalKarmada(string kubeconfigPath, IReadOnlyList<string> allowNetworks, SimulatedClusters? standIn)
    {
        this.standIn = standIn;
        KubeconfigPath = kubeconfigPath;
        AllowNetworks = allowNetworks;
        loader = new KubeconfigLoader(new OutboundPolicy(Options.Create(new OutboundOptions { AllowNetworks = [.. allowNetworks] })));
        Api = KubeApi.FromKubeconfig(File.ReadAllText(kubeconfigPath), loader);
    }

    public string KubeconfigPath { get; }

    /// <summary>The networks, refused by default, where the control plane is reached (loopback for the stand-in).</summary>
    public IReadOnlyList<string> AllowNetworks { get; }

    public KubeApi Api { get; }

    public bool IsStandIn => standIn is not null;

    public static async Task<ExternalKarmada> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(KubeconfigVariable) is { Length: > 0 } path)
        {
            return new ExternalKarmada(path, await ServerNetworksAsync(path), standIn: null);
        }

        var clusters = await SimulatedClusters.StartAsync([StandInControlPlane, .. StandInMembers], workerNodes: 2,
            settings: new Dictionary<string, string?> { ["KubeSim:Clusters:0:ApiServerOnly"] = "true" });
        var karmada = new ExternalKarmada(clusters.KubeconfigPath(StandInControlPlane), MulticloudHost.SimulatedClusterNetworks, clusters);
        await karmada.InstallCrdsAsync();
        await Eventually.Until(karmada.TryJoinStandInMembersAsync, "the stand-in serving Karmada's CRDs with its members joined");
        return karmada;
    }

    /// <summary>Starts the stand-in's controllers, as a Karmada's controller-manager and scheduler run beside its API server.</summary>
    public void StartStandInControllers()
    {
        var kubeconfig = File.ReadAllText(KubeconfigPath);
        controllers = Task.Run(() => PropagationEngine.RunAsync(StandInControlPlane, kubeconfig, loader, KarmadaFixture.EngineOptions(StandInReplica),
            TimeProvider.System, NullLogger.Instance, stop.Token), CancellationToken.None);
    }

    /// <summary>The joined members by name, without those Karmada reports not Ready.</summary>
    public async Task<IReadOnlyList<string>> MemberNamesAsync()
    {
        var (clusters, _) = await Api.ListAsync(Kinds.Cluster, null, null, CancellationToken.None);
        return [.. clusters.Where(cluster => Conditions.Find(cluster["status"] as JsonObject, "Ready")?["status"]?.GetValue<string>() != "False")
            .Select(cluster => cluster.Name()).Order(StringComparer.Ordinal)];
    }

    /// <summary>The lease the module's engine leads by, if anyone took it.</summary>
    public Task<JsonObject?> EngineLeaseAsync() => Api.GetAsync(Kinds.Lease, LeaseElector.LeaseNamespace, LeaseElector.LeaseName, CancellationToken.None);

    public Task<JsonObject?> BindingAsync(string ns, string name) => Api.GetAsync(Kinds.ResourceBinding, ns, name, CancellationToken.None);

    /// <summary>The members whose Work carrying the object is Applied, read from their execution namespaces.</summary>
    public async Task<IReadOnlyList<string>> AppliedToAsync(IEnumerable<string> members, string kind, string ns, string name)
    {
        var applied = new List<string>();
        foreach (var member in members)
        {
            var (works, _) = await Api.ListAsync(Kinds.Work, KarmadaNames.ExecutionNamespace(member), null, CancellationToken.None);
            if (works.Any(work => Carries(work, kind, ns, name) && Conditions.IsTrue(work["status"] as JsonObject, "Applied")))
            {
                applied.Add(member);
            }
        }

        return applied;
    }

    private static bool Carries(JsonObject work, string kind, string ns, string name) =>
        (work["spec"]?["workload"]?["manifests"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(manifest => manifest.KindName() == kind && manifest.Namespace() == ns && manifest.Name() == name);

    private async Task InstallCrdsAsync()
    {
        foreach (var yaml in KarmadaCrds.All)
        {
            await Api.Typed.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(yaml));
        }
    }

    private async Task<bool> TryJoinStandInMembersAsync()
    {
        try
        {
            await Api.EnsureNamespaceAsync(MemberObjects.SecretNamespace, CancellationToken.None);
            // member-1 joins as the platform joins a member (a kubeconfig), member-2 as karmadactl join does (a token and CA bundle).
            foreach (var member in StandInMembers)
            {
                var endpoint = KubernetesClientConfiguration.BuildConfigFromConfigFile(standIn!.KubeconfigPath(member)).Host;
                var cluster = MemberObjects.Cluster(new KnownCluster { Name = member, Provider = "kubesim", ProtectedKubeconfig = "" }, endpoint, null);
                var secret = member == StandInMembers[0] ? MemberObjects.Secret(member, standIn.Kubeconfig(member)) : KarmadactlSecret(member, cluster);
                await CreateUnlessExistsAsync(Kinds.Secret, MemberObjects.SecretNamespace, secret);
                await CreateUnlessExistsAsync(Kinds.Cluster, null, cluster);
            }

            return true;
        }
        catch (KubeApiException)
        {
            return false;
        }
    }

    /// <summary>The Secret karmadactl join writes (<c>token</c>, <c>caBundle</c>), named by the Cluster's <c>spec.secretRef</c>.</summary>
    private JsonObject KarmadactlSecret(string member, JsonObject cluster)
    {
        var kubeconfig = KubernetesClientConfiguration.LoadKubeConfig(standIn!.KubeconfigPath(member));
        var data = new JsonObject { ["token"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(kubeconfig.Users.Single().UserCredentials.Token)) };
        if (kubeconfig.Clusters.Single().ClusterEndpoint.CertificateAuthorityData is { } caBundle)
        {
            data["caBundle"] = caBundle;
        }

        var secretName = $"{member}-token";
        cluster["spec"]!["secretRef"] = new JsonObject { ["namespace"] = MemberObjects.SecretNamespace, ["name"] = secretName };
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = secretName, ["namespace"] = MemberObjects.SecretNamespace },
            ["data"] = data,
        };
    }

    private async Task CreateUnlessExistsAsync(Dce.Kubernetes.Resources.ResourceKind kind, string? ns, JsonObject body)
    {
        try
        {
            await Api.CreateAsync(kind, ns, body, CancellationToken.None);
        }
        catch (KubeApiException error) when (error.IsAlreadyExists)
        {
        }
    }

    /// <summary>The addresses the kubeconfig's server resolves to: a real Karmada may be reached through loopback, e.g. a port-forward.</summary>
    private static async Task<IReadOnlyList<string>> ServerNetworksAsync(string kubeconfigPath)
    {
        var host = new Uri(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath).Host).DnsSafeHost;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host);
        return [.. addresses.Select(address => $"{address}/{(address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32)}")];
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await controllers;
        Api.Dispose();
        if (standIn is not null)
        {
            await standIn.DisposeAsync();
        }

        stop.Dispose();
    }
}
