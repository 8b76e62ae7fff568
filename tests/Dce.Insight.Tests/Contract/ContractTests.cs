using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Insight.Tests.Contract.Walks;
using Dce.Testing;
using Dce.Testing.Contract;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace Dce.Insight.Tests.Contract;

/// <summary>
/// Walks every route the module serves under DCE's insight API against a live module with real data (scraped simulated
/// clusters, a pod's logs and events, spans sent by the OpenTelemetry SDK, alerts through the real vmalert and
/// Alertmanager): DCE's operations must answer in DCE's published shapes, and every route must refuse an outsider. The
/// operations proved are written to <c>TestResults/insight-contract.txt</c>.
/// </summary>
[Trait("Category", "Contract")]
public sealed class ContractTests(AlertingPlatform fixture, ITestOutputHelper output) : IClassFixture<AlertingPlatform>
{
    /// <summary>The DCE operations proved so far; the walk may only grow.</summary>
    private const int ProvedAtLeast = 83;

    private const string Ghippo = "/apis/ghippo.io/v1alpha1";
    private const string Password = "Outsider-Pa55-word";

    /// <summary>Routes that answer with text rather than JSON; LogsTests prove an outsider reads none of their lines.</summary>
    private static readonly string[] TextRoutes =
    [
        $"POST {InsightContract.Root}/log/export",
        $"GET {InsightContract.Root}/log/tail",
    ];

    /// <summary>Routes every signed-in user reads by design: message templates and whether SMTP is configured hold no cluster's data.</summary>
    private static readonly string[] OpenRoutes =
    [
        $"GET {InsightContract.Root}/alert/templates",
        $"GET {InsightContract.Root}/alert/template-summary",
        $"GET {InsightContract.Root}/alert/templates/{{name}}",
        $"POST {InsightContract.Root}/alert/templates/preview",
        $"GET {InsightContract.Root}/alert/smtp",
    ];

    /// <summary>
    /// The module's own fields on DCE's operations, kept because its console and clients read them: the overview's and a
    /// pod's metric names, the log cursor, a trace's spans, a service's cluster and p99, a group's rules, an alert's status,
    /// a silence's window. Everything else in those answers is checked strictly against DCE's schemas.
    /// </summary>
    private static readonly Dictionary<string, string[]> Extensions = new()
    {
        ["Overview_GetResourcesCount"] = ["name"],
        ["Overview_GetResourcesUsage"] = ["name"],
        ["Overview_GetResourcesRange"] = ["name"],
        ["Resource_GetPodMetrics"] = ["name"],
        ["Log_QueryLog"] = ["nextCursor"],
        ["Tracing_FindJaegerTrace"] = ["spans"],
        ["Tracing_GetServices"] = ["cluster", "p99Latency"],
        ["Alert_CreateGroup"] = ["rules"],
        ["Alert_GetGroup"] = ["rules"],
        ["Alert_UpdateGroup"] = ["rules"],
        ["Alert_GetAlert"] = ["status", "endAt"],
        ["Alert_CreateSilence"] = ["startsAt", "endsAt"],
        ["Alert_ListSilences"] = ["startsAt", "endsAt"],
        ["Alert_GetSilence"] = ["startsAt", "endsAt"],
        ["Alert_UpdateSilence"] = ["startsAt", "endsAt"],
    };

    /// <summary>
    /// Alertmanager's hook and vmalert's datasource: no user token, only their secrets (AlertingTests prove anything else
    /// is refused).
    /// </summary>
    private static readonly string[] SecretRoutes =
    [
        $"POST {InsightContract.Root}/alert/hook",
        .. new[] { "GET", "POST" }.SelectMany(method => new[] { "query", "query_range" }.Select(api => $"{method} {InsightContract.Root}/alert/datasource/api/v1/{api}")),
        RemoteWrite,
    ];

    /// <summary>vmalert's remote write takes snappy-compressed protobuf only: AlertingTests prove it with the series the real vmalert writes through it.</summary>
    private const string RemoteWrite = $"POST {InsightContract.Root}/alert/datasource/api/v1/write";

    private InsightPlatform Platform => fixture.Platform;

    [Fact]
    public async Task Every_served_operation_answers_in_DCE_shape_and_refuses_an_outsider()
    {
        using var outsider = await OutsiderAsync();
        var target = await PrepareAsync(outsider);
        using var admin = Platform.AdminClient();
        var routes = ContractWalk.RoutesOf(Platform.Insight.Services, InsightContract.Root);
        var walk = new ContractWalk(admin, outsider, routes, InsightContract.Operations) { Extensions = Extensions };
        using var alertmanager = Platform.Insight.CreateClient();
        alertmanager.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Engines.HookSecret);
        var hookWalk = new ContractWalk(alertmanager, outsider, routes, InsightContract.Operations) { Extensions = Extensions };
        using var vmalert = Platform.Insight.CreateClient();
        vmalert.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AlertingPlatform.DatasourceToken);
        var datasourceWalk = new ContractWalk(vmalert, outsider, routes, InsightContract.Operations) { Extensions = Extensions };

        await MetricsWalk.RunAsync(walk, target);
        await ResourcesWalk.RunAsync(walk, target);
        await LogsWalk.RunAsync(walk, target);
        await EventsWalk.RunAsync(walk, target);
        await TracesWalk.RunAsync(walk, target);
        await hookWalk.CallAsync(HttpMethod.Post, $"{InsightContract.Root}/alert/hook", Notification(target), outsiderToo: false);
        await AlertingWalk.RunAsync(walk, target, admin);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
        {
            await datasourceWalk.CallAsync(method, $"{InsightContract.Root}/alert/datasource/api/v1/query?query=up", outsiderToo: false);
            await datasourceWalk.CallAsync(method, $"{InsightContract.Root}/alert/datasource/api/v1/query_range?query=up&start={now - 600}&end={now}&step=60", outsiderToo: false);
        }

        var proved = walk.PassedOperations.Union(hookWalk.PassedOperations).Order(StringComparer.Ordinal).ToList();
        var report = Path.Combine(RepositoryRoot.Path, "TestResults", "insight-contract.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        await File.WriteAllLinesAsync(report, proved);
        var unwalked = walk.AllRoutes.Except(walk.SucceededRoutes).Except(hookWalk.SucceededRoutes).Except(datasourceWalk.SucceededRoutes).Except(TextRoutes)
            .Except([RemoteWrite]).Order(StringComparer.Ordinal).ToList();
        var unrefused = walk.AllRoutes.Except(walk.RefusedRoutes).Except(TextRoutes).Except(SecretRoutes).Except(OpenRoutes).Except(target.Blank.RefusedAmong(walk.AllRoutes)).Order(StringComparer.Ordinal).ToList();
        var unserved = InsightContract.Operations.All.Select(o => o.ToString()).Except(proved).Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"{proved.Count} of {InsightContract.Operations.All.Count} DCE operations proved; {unwalked.Count} routes not walked yet.");
        unwalked.ForEach(route => output.WriteLine($"  not walked: {route}"));
        unrefused.ForEach(route => output.WriteLine($"  never refused: {route}"));
        unserved.ForEach(operation => output.WriteLine($"  not proved: {operation}"));

        var failures = walk.Failures.Concat(hookWalk.Failures).Concat(datasourceWalk.Failures).ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Empty(unwalked);
        Assert.Empty(unrefused);
        Assert.True(proved.Count >= ProvedAtLeast, $"Only {proved.Count} DCE operations were proved; at least {ProvedAtLeast} were before.");
    }

    /// <summary>A running Deployment in a namespace of its own, its logs and events stored, and a call between two services sent as spans.</summary>
    private async Task<WalkTarget> PrepareAsync(HttpClient outsider)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (cluster, ns, deployment) = (Platform.ClusterNames[0], $"walk-{suffix}", $"walk-web-{suffix}");
        await Platform.CreateDeploymentAsync(cluster, ns, deployment, replicas: 1);
        var pods = Platform.Clusters.Client(cluster);
        await pods.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "walk-db" },
            Spec = new V1StatefulSetSpec { Replicas = 1, ServiceName = "walk-db", Selector = Selector("walk-db"), Template = Template("walk-db") },
        }, ns);
        await pods.AppsV1.CreateNamespacedDaemonSetAsync(new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = "walk-agent" },
            Spec = new V1DaemonSetSpec { Selector = Selector("walk-agent"), Template = Template("walk-agent") },
        }, ns);
        string? pod = null;
        await Eventually.Until(async () => (pod = (await pods.CoreV1.ListNamespacedPodAsync(ns))
            .Items.FirstOrDefault(p => p.Status?.Phase == "Running")?.Metadata.Name) is not null, "the walk's pod running");
        var (caller, callee) = ($"walk-shop-{suffix}", $"walk-cart-{suffix}");
        ServiceCalls.Send(Platform.Insight, caller, callee, cluster, ns, calleeFails: true);

        using var admin = Platform.AdminClient();
        await Eventually.Until(async () => (await InsightPlatform.VectorAsync(admin,
            $"kube_pod_status_phase{{cluster=\"{cluster}\",namespace=\"{ns}\",pod=\"{pod}\",phase=\"Running\"}} == 1")).Count == 1, "the pod scraped");
        await Eventually.Until(async () => (await InsightPlatform.VectorAsync(admin,
            $"kube_statefulset_replicas{{cluster=\"{cluster}\",namespace=\"{ns}\"}} or kube_daemonset_status_desired_number_scheduled{{cluster=\"{cluster}\",namespace=\"{ns}\"}}")).Count == 2,
            "the StatefulSet and DaemonSet scraped");
        await Eventually.Until(async () => await (await admin.PostAsJsonAsync($"{InsightContract.Root}/log/query",
                new { resource = new { clusterFilter = new[] { cluster }, namespaceFilter = new[] { ns } } })).Content
            .ReadFromJsonAsync<JsonObject>() is { } lines && lines["items"] is JsonArray { Count: > 0 }, "the pod's lines stored");
        await Eventually.Until(async () => (await admin.GetFromJsonAsync<JsonObject>($"{InsightContract.Root}/event/cluster/{cluster}/events?namespace={ns}"))?["items"]
            is JsonArray { Count: > 0 }, "the Deployment's events stored");
        return new WalkTarget(fixture, new Blank(outsider), cluster, ns, deployment, pod!, caller, callee);
    }

    private static V1LabelSelector Selector(string app) => new() { MatchLabels = new Dictionary<string, string> { ["app"] = app } };

    private static V1PodTemplateSpec Template(string app) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = app, Image = "nginx:1.27" }] },
    };

    /// <summary>A user whose workspace holds nothing: they may administer it, and there is nothing in it.</summary>
    private async Task<HttpClient> OutsiderAsync()
    {
        var name = $"walk-outsider-{Guid.NewGuid():N}"[..24];
        using var admin = await Platform.Identity.AdminClientAsync();
        var workspace = await (await admin.PostAsJsonAsync($"{Ghippo}/workspaces", new { name }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var user = await (await admin.PostAsJsonAsync($"{Ghippo}/users", new { name, password = Password, enabled = true }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{workspace.GetProperty("id").GetInt32()}/authorize",
            new { subjectKind = "User", subjectId = user.GetProperty("id").GetGuid(), roleName = "workspace-admin" })).EnsureSuccessStatusCode();
        return Platform.Insight.ClientWithToken(await Platform.Identity.LoginAsync(name, Password));
    }

    /// <summary>What Alertmanager posts when an alert of the walk's cluster resolves.</summary>
    private static object Notification(WalkTarget target) => new
    {
        version = "4",
        status = "resolved",
        receiver = "insight",
        alerts = new[]
        {
            new
            {
                status = "resolved",
                labels = new Dictionary<string, string> { ["alertname"] = "walk-resolved", ["cluster"] = target.Cluster, ["severity"] = "INFO" },
                annotations = new Dictionary<string, string> { ["summary"] = "resolved before the walk" },
                startsAt = DateTimeOffset.UtcNow.AddMinutes(-10),
                endsAt = DateTimeOffset.UtcNow.AddMinutes(-5),
                generatorURL = "http://vmalert/walk",
                fingerprint = Guid.NewGuid().ToString("N")[..16],
            },
        },
    };
}
