using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;
using Dce.Testing.Hosts;

namespace Dce.ContainerManagement.Tests;

/// <summary>A Running cluster that misses probes stays in service for its grace period, then turns Unknown and comes back.</summary>
public sealed class ClusterGraceTests
{
    private static readonly string[] ClusterNames = ["steady", "flaky"];

    [Fact]
    public async Task A_cluster_that_stops_answering_stays_Running_through_its_grace_then_turns_Unknown_and_back()
    {
        await using var platform = await ContainerManagementPlatform.StartAsync(ClusterNames, healthInterval: TimeSpan.FromMilliseconds(500));
        await platform.WaitForSummariesAsync(ClusterNames);
        using var client = platform.AdminClient();

        await platform.Clusters.SetUnreachableAsync("flaky", true);
        try
        {
            // Ten probe rounds without an answer, well inside the 30 s grace: still Running.
            for (var round = 0; round < 20; round++)
            {
                Assert.Equal("Running", await PhaseAsync(client, "flaky"));
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }

            await Eventually.Until(async () => await PhaseAsync(client, "flaky") == "Unknown", "flaky Unknown once its grace has passed");
            Assert.Equal("Running", await PhaseAsync(client, "steady"));
        }
        finally
        {
            await platform.Clusters.SetUnreachableAsync("flaky", false);
        }

        await Eventually.Until(async () => await PhaseAsync(client, "flaky") == "Running", "flaky Running again");
    }

    private static async Task<string?> PhaseAsync(HttpClient client, string cluster) =>
        (await client.GetFromJsonAsync<JsonElement>($"/apis/kpanda.io/v1alpha1/clusters/{cluster}")).GetProperty("status").GetProperty("phase").GetString();
}
