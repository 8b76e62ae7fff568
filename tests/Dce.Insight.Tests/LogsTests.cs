using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Insight.Logs;
using Dce.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dce.Insight.Tests;

/// <summary>Container logs collected from the simulated clusters into PostgreSQL, searched and tailed through the module.</summary>
[Collection(LogsCollection.Name)]
public sealed class LogsTests(LogsPlatformFixture fixture)
{
    private const string Log = "/apis/insight.io/v1alpha1/log";
    private InsightPlatform Platform => fixture.Platform;

    [Fact]
    public async Task A_pods_line_is_found_by_text_within_its_cluster_namespace_and_pod_and_names_its_workload()
    {
        var cluster = Platform.ClusterNames[0];
        var marker = Marker();
        var pod = await fixture.RunDeploymentAsync(cluster, "logs-search", "shop", marker);
        var admin = Platform.AdminClient();

        var lines = await WhenFoundAsync(() => QueryAsync(admin, $"\"starting {marker}\"", cluster, "logs-search", pod), "the start-up line stored");
        var otherCluster = await QueryAsync(admin, $"\"starting {marker}\"", Platform.ClusterNames[1], "logs-search", null);

        var line = Assert.Single(lines);
        Assert.Contains($"INFO {marker} [{pod}] starting {marker}", line.GetProperty("log").GetString(), StringComparison.Ordinal);
        var labels = line.GetProperty("labels");
        Assert.Equal((cluster, "logs-search", pod, marker, "Deployment", "shop"), (labels.GetProperty("cluster_name").GetString(), labels.GetProperty("namespace_name").GetString(),
            labels.GetProperty("pod_name").GetString(), labels.GetProperty("container_name").GetString(), labels.GetProperty("workload_kind").GetString(),
            labels.GetProperty("workload_name").GetString()));
        Assert.Empty(otherCluster);
    }

    [Fact]
    public async Task The_query_language_matches_phrases_excludes_words_and_takes_either_side_of_or()
    {
        var cluster = Platform.ClusterNames[0];
        var marker = Marker();
        await fixture.RunDeploymentAsync(cluster, "logs-language", "api", marker);
        var admin = Platform.AdminClient();
        await Eventually.Until(async () => (await QueryAsync(admin, marker, cluster, "logs-language", null)).Count >= 5, "start-up and steady lines stored");

        var either = await QueryAsync(admin, $"{marker} \"configuration loaded\" OR \"LISTENING ON\"", cluster, "logs-language", null);
        var steady = await QueryAsync(admin, $"{marker} -starting -configuration -listening", cluster, "logs-language", null);
        var phrase = await QueryAsync(admin, $"\"loaded {marker}\"", cluster, "logs-language", null);

        Assert.Equal(["configuration loaded", "listening on :8080"], either.Select(l => Tail(l, marker)).Order(StringComparer.Ordinal));
        Assert.NotEmpty(steady);
        Assert.DoesNotContain(steady, l => Tail(l, marker) is "configuration loaded" or "listening on :8080" || Tail(l, marker).StartsWith("starting", StringComparison.Ordinal));
        Assert.Empty(phrase);
    }

    [Theory]
    [InlineData("error \"unclosed", 6)]
    [InlineData("error OR", 6)]
    [InlineData("OR error", 0)]
    [InlineData("error OR -warn", 9)]
    public async Task A_malformed_text_query_is_refused_with_its_position(string query, int position)
    {
        var response = await Platform.AdminClient().PostAsJsonAsync($"{Log}/query", new { resource = new { logSearch = new[] { query } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(position, problem.GetProperty("position").GetInt32());
        Assert.Contains($"position {position}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_or_range_over_the_limits_is_refused_naming_the_limit()
    {
        var admin = Platform.AdminClient();

        var page = await admin.PostAsJsonAsync($"{Log}/query", new { pageSize = 5000 });
        var range = await admin.PostAsJsonAsync($"{Log}/query", new { startTime = DateTime.UtcNow.AddDays(-30).ToString("O"), endTime = DateTime.UtcNow.ToString("O") });

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (page.StatusCode, range.StatusCode));
        Assert.Contains("Insight:Logs:MaxPageSize", (await page.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Insight:Logs:MaxRange", (await range.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_tail_sends_new_lines_of_a_pod_and_a_viewer_of_another_workspace_gets_none()
    {
        var cluster = Platform.ClusterNames[1];
        var marker = Marker();
        var pod = await fixture.RunDeploymentAsync(cluster, "logs-tail", "worker", marker);
        var outsider = await fixture.NamespaceViewerAsync(cluster, "logs-tail-other");
        var filter = $"cluster={cluster}&namespace=logs-tail&pod={pod}&query={Uri.EscapeDataString(marker)}";

        await using var admin = await LogTailReader.OpenAsync(Platform.AdminClient(), filter);
        await using var attacker = await LogTailReader.OpenAsync(outsider, filter);
        await Eventually.Until(() => admin.Lines.Count >= 2, "two lines tailed");

        Assert.Equal("text/event-stream", admin.Response.Content.Headers.ContentType?.MediaType);
        Assert.All(admin.Lines, line => Assert.Contains(marker, line.GetProperty("log").GetString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, attacker.Response.StatusCode);
        Assert.Empty(attacker.Lines);
    }

    [Fact]
    public async Task A_namespace_viewer_reads_their_namespaces_logs_and_nothing_of_another_workspace()
    {
        var cluster = Platform.ClusterNames[1];
        var theirs = Marker();
        var others = Marker();
        await fixture.RunDeploymentAsync(cluster, "logs-mine", "app", theirs);
        await fixture.RunDeploymentAsync(cluster, "logs-theirs", "app", others);
        var admin = Platform.AdminClient();
        await Eventually.Until(async () => (await QueryAsync(admin, others, cluster, "logs-theirs", null)).Count > 0, "the other workspace's lines stored");
        var viewer = await fixture.NamespaceViewerAsync(cluster, "logs-mine");

        var own = await WhenFoundAsync(() => QueryAsync(viewer, theirs, null, null, null), "the viewer's own lines");
        var asked = await QueryAsync(viewer, others, cluster, "logs-theirs", null);
        var everything = await QueryAsync(viewer, null, null, null, null);
        var search = await viewer.GetFromJsonAsync<JsonElement>($"{Log}/search?query={others}");
        var export = await (await viewer.PostAsJsonAsync($"{Log}/export", new { queryLog = new { resource = new { logSearch = new[] { others } } } })).Content.ReadAsStringAsync();

        Assert.NotEmpty(own);
        Assert.Empty(asked);
        Assert.All(everything, line => Assert.Equal("logs-mine", line.GetProperty("labels").GetProperty("namespace_name").GetString()));
        Assert.Equal("[]", search.GetProperty("response").GetString());
        Assert.Equal("", export);
    }

    [Fact]
    public async Task Retention_drops_the_days_older_than_it()
    {
        var services = Platform.Insight.Services;
        var old = DateTime.UtcNow.AddDays(-10);
        var marker = Marker();
        await services.GetRequiredService<LogWriter>().WriteAsync([new LogLine(old, "retired", "ns", "pod", marker, null, null, null, "combined", $"old line {marker}")], default);
        var database = services.GetRequiredService<NpgsqlDataSource>();
        Assert.Equal(1L, await CountAsync(database, marker));

        var dropped = await services.GetRequiredService<PartitionMaintenance>().RunOnceAsync(default);

        Assert.Contains($"insight_log_lines_{old:yyyyMMdd}", dropped);
        Assert.Equal(0L, await CountAsync(database, marker));
    }

    private static async Task<long> CountAsync(NpgsqlDataSource database, string container)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM insight_log_lines WHERE container = @container");
        command.Parameters.AddWithValue("container", container);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<JsonElement>> WhenFoundAsync(Func<Task<List<JsonElement>>> query, string what)
    {
        List<JsonElement> found = [];
        await Eventually.Until(async () => (found = await query()).Count > 0, what);
        return found;
    }

    private static string Marker() => $"mk{Guid.NewGuid():N}"[..14];

    /// <summary>The words after the container's prefix, e.g. <c>configuration loaded</c>.</summary>
    private static string Tail(JsonElement line, string marker)
    {
        var log = line.GetProperty("log").GetString()!;
        var prefix = log.IndexOf("] ", log.IndexOf(marker, StringComparison.Ordinal), StringComparison.Ordinal);
        return log[(prefix + 2)..];
    }

    private static async Task<List<JsonElement>> QueryAsync(HttpClient client, string? text, string? cluster, string? ns, string? pod)
    {
        var response = await client.PostAsJsonAsync($"{Log}/query", new
        {
            pageSize = 200,
            resource = new
            {
                logSearch = text is null ? null : new[] { text },
                clusterFilter = cluster is null ? null : new[] { cluster },
                namespaceFilter = ns is null ? null : new[] { ns },
                podFilter = pod is null ? null : new[] { pod },
            },
        });
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()];
    }
}
