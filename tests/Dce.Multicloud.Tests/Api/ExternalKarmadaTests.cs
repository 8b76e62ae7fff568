using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;
using Dce.Testing;
using Dce.Testing.Hosts;

namespace Dce.Multicloud.Tests.Api;

/// <summary>
/// An external instance (<c>Embedded=false</c>): the module writes templates and policies to a Karmada whose own
/// controllers propagate them, and reads their status back, running no engine itself. Against a real Karmada when
/// <see cref="ExternalKarmada.KubeconfigVariable"/> names its kubeconfig, else against a stand-in.
/// </summary>
public sealed class ExternalKarmadaTests : IAsyncLifetime
{
    private const string Instance = "external-karmada";
    private const string Workload = "web";
    private const int Replicas = 2;

    private readonly string ns = "external-" + Guid.NewGuid().ToString("N")[..8];
    private readonly GlobalManagementHost identity = new() { RedisDatabase = GlobalManagementHost.StampDatabase, MinimumLogLevel = null };
    private ExternalKarmada? karmada;
    private MulticloudHost? module;
    private HttpClient admin = null!;

    private string InstancePath => $"{MulticloudPlatform.Kairship}/instances/{Instance}";

    public async Task InitializeAsync()
    {
        karmada = await ExternalKarmada.StartAsync();
        await identity.InitializeAsync();
        module = await MulticloudHost.StartAsync(identity, Instance, karmada.KubeconfigPath, embedded: false, karmada.AllowNetworks);
        admin = module.ClientWithToken(await identity.LoginAsync(GlobalManagementHost.AdminName, GlobalManagementHost.AdminPassword));
    }

    [Fact]
    public async Task Karmadas_own_controllers_propagate_what_the_module_writes_and_the_module_reads_each_members_ready_replicas()
    {
        var members = (await karmada!.MemberNamesAsync()).Take(2).ToList();
        Assert.True(members.Count == 2, $"Karmada needs two joined members that are not NotReady; it has {members.Count}.");

        await CreateAsync("namespaces", $"metadata: {{name: {ns}}}");
        await CreateAsync($"namespaces/{ns}/propagationpolicies", $$"""
            metadata: {name: {{Workload}}}
            spec:
              resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: {{Workload}}}]
              placement:
                clusterAffinity: {clusterNames: [{{string.Join(", ", members)}}]}
            """);
        await CreateAsync($"namespaces/{ns}/deployments", Manifests.Deployment(Workload, "nginx:1.27", Replicas));

        if (karmada.IsStandIn)
        {
            await NobodySchedulesForAWhileAsync();
            karmada.StartStandInControllers();
            await Eventually.Until(async () => await karmada.EngineLeaseAsync() is not null, "the stand-in's controllers taking their lease");
            Assert.Equal(ExternalKarmada.StandInReplica, HolderOf(await karmada.EngineLeaseAsync()));
        }

        await Eventually.HoldsAsync(async () => ScheduledTo(await BindingAsync()).SetEquals(members),
            async () => $"the binding scheduled to {string.Join(", ", members)}: {(await BindingAsync())?.ToJsonString()}");
        await Eventually.HoldsAsync(async () => (await karmada.AppliedToAsync(members, "Deployment", ns, Workload)).Count == members.Count,
            async () => $"the Works applied in {string.Join(", ", members)}; applied in {string.Join(", ", await karmada.AppliedToAsync(members, "Deployment", ns, Workload))}");
        await Eventually.HoldsAsync(async () => (await ReadyReplicasAsync(members)).Values.All(ready => ready == Replicas),
            async () => $"{Replicas} ready replicas in each member through the module: {JsonSerializer.Serialize(await ReadyReplicasAsync(members))}");
    }

    /// <summary>With no Karmada controllers running, nothing may lead or schedule: the module must not be running an engine of its own.</summary>
    private async Task NobodySchedulesForAWhileAsync()
    {
        var watched = Stopwatch.StartNew();
        do
        {
            var lease = await karmada!.EngineLeaseAsync();
            Assert.True(lease is null, $"nobody should lead yet, but {HolderOf(lease)} holds the engine's lease");
            var scheduled = ScheduledTo(await BindingAsync());
            Assert.True(scheduled.Count == 0, $"nobody should schedule yet, but the binding is scheduled to {string.Join(", ", scheduled)}");
            await Task.Delay(250);
        }
        while (watched.Elapsed < TimeSpan.FromSeconds(3));
    }

    private static string? HolderOf(JsonObject? lease) => lease?["spec"]?["holderIdentity"]?.GetValue<string>();

    private Task<JsonObject?> BindingAsync() => karmada!.BindingAsync(ns, $"{Workload}-deployment");

    private static HashSet<string> ScheduledTo(JsonObject? binding) =>
        Conditions.IsTrue(binding?["status"] as JsonObject, "Scheduled")
            ? [.. (binding!["spec"]?["clusters"] as JsonArray ?? []).Select(target => target?["name"]?.GetValue<string>() ?? "")]
            : [];

    /// <summary>The workload's ready replicas in each member, as the module's API reads them from the member.</summary>
    private async Task<Dictionary<string, int?>> ReadyReplicasAsync(IEnumerable<string> members)
    {
        var ready = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var response = await admin.GetAsync($"{InstancePath}/member-clusters/{member}/namespaces/{ns}/deployments");
            Assert.True(response.IsSuccessStatusCode, $"the deployments of {member}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var deployments = await response.Content.ReadFromJsonAsync<JsonElement>();
            ready[member] = deployments.GetProperty("items").EnumerateArray()
                .Where(deployment => deployment.GetProperty("metadata").GetProperty("name").GetString() == Workload)
                .Select(deployment => deployment.TryGetProperty("status", out var status) && status.TryGetProperty("readyReplicas", out var count) ? count.GetInt32() : 0)
                .Cast<int?>().FirstOrDefault();
        }

        return ready;
    }

    private async Task CreateAsync(string path, string yaml)
    {
        var response = await admin.PostAsJsonAsync($"{InstancePath}/{path}", new { data = yaml });
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task DisposeAsync()
    {
        if (module is not null)
        {
            // A real Karmada keeps what a test leaves; the namespace takes the workload and its policy with it.
            await admin.DeleteAsync($"{InstancePath}/namespaces/{ns}");
            await module.DisposeAsync();
        }

        await identity.DisposeAsync();
        if (karmada is not null)
        {
            await karmada.DisposeAsync();
        }
    }
}
