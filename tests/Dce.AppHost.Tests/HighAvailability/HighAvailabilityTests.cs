using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dce.AppHost.Tests.HighAvailability;

/// <summary>The high-availability graph: replicas behind haproxy survive a killed replica and a rolling upgrade without a failed request.</summary>
public sealed class HighAvailabilityTests(HighAvailabilityGraph graph) : IClassFixture<HighAvailabilityGraph>
{
    private const string Clusters = "/apis/kpanda.io/v1alpha1/clusters?pageSize=5";

    [Fact]
    public void Every_replica_and_the_entry_are_healthy_and_the_surge_slots_wait_stopped()
    {
        foreach (var name in HighAvailabilityGraph.Replicas.Append("entry"))
        {
            Assert.True(graph.App.ResourceNotifications.TryGetCurrentState(name, out var state), name);
            Assert.Equal(HealthStatus.Healthy, state.Snapshot.HealthStatus);
        }

        foreach (var surge in HighAvailabilityGraph.SurgeSlots)
        {
            Assert.True(graph.App.ResourceNotifications.TryGetCurrentState(surge, out var state), surge);
            Assert.NotEqual(KnownResourceStates.Running, state.Snapshot.State?.Text);
        }
    }

    [Fact]
    public async Task Each_replica_is_its_own_process_answering_through_the_entry()
    {
        using var signedIn = await graph.SignInAsync();
        var first = await graph.VersionOfAsync(signedIn, "kpanda");
        var second = await graph.VersionOfAsync(signedIn, "kpanda-1");
        Assert.NotEqual(first.GetProperty("startedAt").GetString(), second.GetProperty("startedAt").GetString());
        using var answer = await signedIn.GetAsync(new Uri(Clusters, UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task A_killed_replica_costs_no_request()
    {
        using var signedIn = await graph.SignInAsync();
        await using var traffic = new SteadyTraffic(signedIn, Clusters);
        await traffic.SendMoreAsync(20);

        // The resource's process is `dotnet run`; the replica serving requests is its child.
        var launcher = Pid("kpanda-1");
        foreach (var pid in File.ReadAllText($"/proc/{launcher}/task/{launcher}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(launcher.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            using var process = Process.GetProcessById(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture));
            process.Kill();
            await process.WaitForExitAsync();
        }

        await traffic.SendMoreAsync(150);
        Assert.Empty(await traffic.StopAsync());
    }

    [Fact]
    public async Task An_upgrade_replaces_every_replica_one_by_one_without_a_failed_request()
    {
        using var signedIn = await graph.SignInAsync();
        var before = (await graph.VersionOfAsync(signedIn, "kpanda")).GetProperty("version").GetString();
        await using var traffic = new SteadyTraffic(signedIn, Clusters);
        await traffic.SendMoreAsync(20);

        var (exitCode, output) = await BuildScript.RunAsync(graph.UpgradeInbox, "upgrade", "kpanda");
        Assert.True(exitCode == 0, $"./build.sh upgrade kpanda exited {exitCode}:\n{output}");

        await traffic.SendMoreAsync(20);
        Assert.Empty(await traffic.StopAsync());
        foreach (var replica in new[] { "kpanda", "kpanda-1" })
        {
            var version = (await graph.VersionOfAsync(signedIn, replica)).GetProperty("version").GetString();
            Assert.NotEqual(before, version);
            Assert.StartsWith("1.0.0-upgrade.", version, StringComparison.Ordinal);
        }

        Assert.True(graph.App.ResourceNotifications.TryGetCurrentState("kpanda-surge", out var surge));
        Assert.NotEqual(KnownResourceStates.Running, surge.Snapshot.State?.Text);
    }

    private int Pid(string resource)
    {
        Assert.True(graph.App.ResourceNotifications.TryGetCurrentState(resource, out var state), resource);
        var pid = state.Snapshot.Properties.Single(property => property.Name == "executable.pid").Value;
        return Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture);
    }
}
