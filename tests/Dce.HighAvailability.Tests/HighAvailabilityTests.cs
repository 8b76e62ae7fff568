using Aspire.Hosting.Testing;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace Dce.HighAvailability.Tests;

/// <summary>
/// The high-availability graph under steady traffic: replicas killed with SIGKILL and every module upgraded one replica at
/// a time cost no request, no event, no duplicated effect and no log line.
/// </summary>
[Collection(HighAvailabilityCollection.Name)]
public sealed class HighAvailabilityTests(HighAvailabilityGraph graph, ITestOutputHelper output)
{
    private const string Cluster = HighAvailabilityGraph.JoinedCluster;
    private static readonly string[] Modules = ["ghippo", "kpanda", "clusterpedia", "gateway", "console"];

    // An upgrade takes about two minutes here, and `./build.sh upgrade` is one procedure for every module, so the suite
    // upgrades one of each kind: a module with a database and its migration, the entry's gateway, and the console with its
    // interactive pages. DCE_HA_UPGRADE_ALL=1 upgrades all of them.
    private static readonly string[] Upgraded = Environment.GetEnvironmentVariable("DCE_HA_UPGRADE_ALL") == "1"
        ? Modules
        : ["kpanda", "gateway", "console"];

    [Fact]
    public async Task Every_replica_is_its_own_healthy_process_and_the_surge_slots_wait_stopped()
    {
        foreach (var name in HighAvailabilityGraph.Replicas.Append("entry"))
        {
            Assert.True(graph.App.ResourceNotifications.TryGetCurrentState(name, out var state), name);
            Assert.True(state.Snapshot.HealthStatus == HealthStatus.Healthy, $"{name} is {state.Snapshot.HealthStatus}; the graph:\n{graph.States()}");
        }

        // A failure later on is explained only if every replica's log is followed.
        foreach (var replica in HighAvailabilityGraph.Replicas)
        {
            await Dce.Testing.Eventually.Until(() => graph.Errors.LinesFrom(replica) > 0, $"{replica}'s log followed");
        }

        foreach (var surge in HighAvailabilityGraph.SurgeSlots)
        {
            Assert.True(graph.App.ResourceNotifications.TryGetCurrentState(surge, out var state), surge);
            Assert.NotEqual(KnownResourceStates.Running, state.Snapshot.State?.Text);
        }

        await using var session = await graph.SignInAsync();
        var first = await session.GetJsonAsync(new Uri(graph.App.GetEndpoint("kpanda", "http"), "/version").ToString());
        var second = await session.GetJsonAsync(new Uri(graph.App.GetEndpoint("kpanda-1", "http"), "/version").ToString());
        Assert.NotEqual(first.GetProperty("startedAt").GetString(), second.GetProperty("startedAt").GetString());
    }

    [Fact]
    public async Task Steady_traffic_loses_nothing_while_replicas_are_killed_and_modules_are_upgraded()
    {
        await using var session = await graph.SignInAsync();
        var since = DateTimeOffset.UtcNow;
        await using var traffic = await PlatformTraffic.StartAsync(session, Cluster);
        await traffic.SendMoreAsync(40);

        foreach (var module in Modules)
        {
            await graph.KillAsync($"{module}-1");
            output.WriteLine($"{DateTimeOffset.UtcNow:O} killed {module}-1");
            await traffic.SendMoreAsync(40);
            await graph.StartAsync($"{module}-1");
            await traffic.SendMoreAsync(20);
        }

        foreach (var module in Upgraded)
        {
            var before = (await graph.VersionsAsync(session, module))[0];
            var started = DateTimeOffset.UtcNow;
            var (exitCode, log) = await BuildScript.RunAsync(graph.UpgradeInbox, "upgrade", module);
            output.WriteLine($"{DateTimeOffset.UtcNow:O} upgraded {module} in {DateTimeOffset.UtcNow - started}:\n{log}");
            Assert.True(exitCode == 0, $"./build.sh upgrade {module} exited {exitCode}:\n{log}");
            foreach (var version in await graph.VersionsAsync(session, module))
            {
                Assert.NotEqual(before, version);
                Assert.StartsWith("1.0.0-upgrade.", version, StringComparison.Ordinal);
            }

            Assert.True(graph.App.ResourceNotifications.TryGetCurrentState($"{module}-surge", out var surge));
            Assert.NotEqual(KnownResourceStates.Running, surge.Snapshot.State?.Text);
            await traffic.SendMoreAsync(20);
        }

        await AssertNothingLostAsync(session, traffic, since, replicasKilled: Modules.Length);
    }

    [Fact]
    public async Task Middleware_restarts_answer_503_with_Retry_After_and_the_platform_recovers_by_itself()
    {
        await using var session = await graph.SignInAsync();
        foreach (var middleware in new[] { "redis", "messaging", "postgres" })
        {
            var since = DateTimeOffset.UtcNow;
            await using var traffic = await PlatformTraffic.StartAsync(session, Cluster, tolerate503: true);
            await traffic.SendMoreAsync(20);

            var killed = DateTimeOffset.UtcNow;
            await graph.KillAsync(middleware);
            await graph.StartAsync(middleware);
            var back = DateTimeOffset.UtcNow;
            var lastTrouble = await traffic.CalmAsync(TimeSpan.FromSeconds(10));
            var recovered = lastTrouble > back ? lastTrouble - back : TimeSpan.Zero;
            output.WriteLine($"{middleware}: killed and healthy again after {back - killed}; requests recovered {recovered} later; {traffic.Deferred} answers were 503 with Retry-After");
            await AssertNothingLostAsync(session, traffic, since, replicasKilled: 0);
        }
    }

    // 0 failed requests, an unbroken log, and each write's effect exactly once: as many workspaces as creations answered,
    // as many succeeded audit events in Global Management as label updates answered. A killed replica may break only the
    // requests in flight on it when it dies, at most one per traffic loop; those are sent again with their keys.
    private async Task AssertNothingLostAsync(Session session, PlatformTraffic traffic, DateTimeOffset since, int replicasKilled)
    {
        await traffic.StopAsync();
        output.WriteLine($"sent {traffic.Sent}, deferred {traffic.Deferred}, resent after a broken connection {traffic.Resent}, workspaces {traffic.WorkspacesCreated}, labels {traffic.LabelsSet}, log lines {traffic.Log.Lines}, log reconnects {traffic.Log.Reconnects}");
        foreach (var resend in traffic.Resends)
        {
            output.WriteLine($"resent: {resend}");
        }

        Assert.True(traffic.Failures.Count == 0, $"{traffic.Failures.Count} failed requests:\n{string.Join('\n', traffic.Failures)}\nerrors logged:\n{graph.Errors.Describe()}\n"
            + $"everything logged around the first failure:\n{AroundFirstFailure(traffic)}");
        Assert.True(traffic.Resent <= traffic.Loops * replicasKilled,
            $"{traffic.Resent} requests sent again after a broken connection, {replicasKilled} replicas killed:\n{string.Join('\n', traffic.Resends)}");
        Assert.True(traffic.Log.Failures.Count == 0, $"{traffic.Log.Failures.Count} failed log stream openings:\n{string.Join('\n', traffic.Log.Failures)}");
        Assert.True(traffic.Log.Gaps.Count == 0, $"log lines missing between:\n{string.Join('\n', traffic.Log.Gaps)}");

        Assert.Equal(traffic.WorkspacesCreated, await TotalAsync(session, $"/apis/ghippo.io/v1alpha1/workspaces?fuzzyName={traffic.WorkspacePrefix}&pageSize=1"));
        // Only succeeded ones: an attempt answered 503 while Redis was away is audited as failed, and the entry repeats it.
        var audits = $"/apis/ghippo.io/v1alpha3/audits?action=update-labels&succeeded=true&from={Uri.EscapeDataString(since.ToString("O"))}&pageSize=1";
        await Dce.Testing.Eventually.Until(async () => await TotalAsync(session, audits) >= traffic.LabelsSet, "every label update's audit event in Global Management");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var audited = await TotalAsync(session, audits);
        Assert.True(audited == traffic.LabelsSet, $"{traffic.LabelsSet} label updates answered, {audited} audited:\n{await AuditLinesAsync(session, audits)}\nerrors logged:\n{graph.Errors.Describe()}");
    }

    private string AroundFirstFailure(PlatformTraffic traffic) =>
        traffic.Failures.Count > 0 && DateTimeOffset.TryParse(traffic.Failures.First().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
            ? graph.Errors.Around(at, TimeSpan.FromSeconds(3))
            : "(no failure time)";

    private static async Task<string> AuditLinesAsync(Session session, string audits)
    {
        var page = await session.GetJsonAsync(audits.Replace("pageSize=1", "pageSize=500", StringComparison.Ordinal));
        return string.Join('\n', page.GetProperty("items").EnumerateArray().Select(a =>
            $"{a.GetProperty("occurredAt")} {a.GetProperty("statusCode")} succeeded={a.GetProperty("succeeded")} {a.GetProperty("resourceName")} from {a.GetProperty("clientIp")}"));
    }

    private static async Task<int> TotalAsync(Session session, string path) =>
        (await session.GetJsonAsync(path)).GetProperty("pagination").GetProperty("total").GetInt32();
}
