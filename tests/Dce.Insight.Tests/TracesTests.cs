using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Insight.Traces;
using Dce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.Insight.Tests;

/// <summary>Spans sent by the OpenTelemetry SDK's OTLP/HTTP exporter, as a workload sends them, then read through DCE's trace endpoints.</summary>
public sealed class TracesTests(InsightPlatformFixture fixture) : IClassFixture<InsightPlatformFixture>
{
    private const string Group = "/apis/insight.io/v1alpha1";
    private InsightPlatform Platform => fixture.Platform;

    [Fact]
    public async Task A_namespace_viewer_sees_the_spans_of_their_namespace_only_and_not_the_platforms()
    {
        var cluster = Platform.ClusterNames[0];
        var suffix = Guid.NewGuid().ToString("N")[..8];
        SendCall($"mine-{suffix}", $"mine-callee-{suffix}", cluster, "tr-own", calleeFails: false);
        SendCall($"theirs-{suffix}", $"theirs-callee-{suffix}", cluster, "tr-other", calleeFails: false);
        SendCall($"platform-{suffix}", $"platform-callee-{suffix}", cluster: null, ns: null, calleeFails: false);
        var admin = Platform.AdminClient();
        await Eventually.Until(async () => (await ServiceNamesAsync(admin)).Count(name => name.EndsWith(suffix, StringComparison.Ordinal)) == 6, "all spans stored");
        var viewer = await Platform.NamespaceViewerAsync(cluster, "tr-own", "traces");

        var names = (await ServiceNamesAsync(viewer)).Where(name => name.EndsWith(suffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var asked = await TracesAsync(viewer, $"serviceName=theirs-{suffix}");
        var platform = await TracesAsync(viewer, $"serviceName=platform-{suffix}");
        var narrowed = await TracesAsync(viewer, $"serviceName=theirs-{suffix}&namespace=tr-other");
        var graph = await GraphAsync(viewer);
        var theirTrace = (await TracesAsync(admin, $"serviceName=theirs-{suffix}")).Single().GetProperty("traceId").GetString();
        var direct = await viewer.GetAsync($"{Group}/jaeger/v2/traces/{theirTrace}");

        Assert.Equal(new[] { $"mine-{suffix}", $"mine-callee-{suffix}" }.Order(StringComparer.Ordinal), names);
        Assert.Empty(asked);
        Assert.Empty(platform);
        Assert.Empty(narrowed);
        Assert.DoesNotContain(graph.GetProperty("nodes").EnumerateArray(), node =>
            node.GetProperty("metadata").GetProperty("service").GetString()!.StartsWith("theirs-", StringComparison.Ordinal)
            || node.GetProperty("metadata").GetProperty("service").GetString()!.StartsWith("platform-", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
    }

    [Fact]
    public async Task A_call_between_two_services_is_found_as_one_trace_and_drawn_as_an_edge()
    {
        var cluster = Platform.ClusterNames[1];
        var (caller, callee) = ($"shop-{Guid.NewGuid():N}"[..13], $"cart-{Guid.NewGuid():N}"[..13]);
        SendCall(caller, callee, cluster, "tr-shop", calleeFails: false);
        SendCall(caller, callee, cluster, "tr-shop", calleeFails: true);
        var admin = Platform.AdminClient();

        List<JsonElement> found = [];
        await Eventually.Until(async () => (found = await TracesAsync(admin, $"serviceName={callee}&operationName=GET%20/cart&durationMin=200ms")).Count == 2,
            "both traces found by the callee's operation and duration");
        var none = await TracesAsync(admin, $"serviceName={callee}&durationMin=1s");
        var traceId = found[0].GetProperty("traceId").GetString();
        var tree = (await admin.GetFromJsonAsync<JsonElement>($"{Group}/jaeger/v2/traces/{traceId}")).GetProperty("traces")[0];
        var graph = await GraphAsync(admin);
        var services = await admin.GetFromJsonAsync<JsonElement>($"{Group}/traces/services?cluster={cluster}&namespace=tr-shop");

        Assert.Empty(none);
        Assert.Equal("GET /checkout", found[0].GetProperty("operationName").GetString());
        Assert.Equal(3, tree.GetProperty("spanCount").GetInt64());
        var spans = tree.GetProperty("spans").EnumerateArray().ToDictionary(span => span.GetProperty("operationName").GetString()!);
        Assert.Empty(spans["GET /checkout"].GetProperty("references").EnumerateArray());
        Assert.Equal(spans["GET /checkout"].GetProperty("spanId").GetString(), spans["GET cart"].GetProperty("references")[0].GetProperty("spanId").GetString());
        Assert.Equal(spans["GET cart"].GetProperty("spanId").GetString(), spans["GET /cart"].GetProperty("references")[0].GetProperty("spanId").GetString());
        var edge = Assert.Single(graph.GetProperty("edges").EnumerateArray(), edge => edge.GetProperty("target").GetString()!.EndsWith(callee, StringComparison.Ordinal));
        Assert.EndsWith(caller, edge.GetProperty("source").GetString(), StringComparison.Ordinal);
        var figures = edge.GetProperty("statuses").EnumerateArray().ToDictionary(status => status.GetProperty("name").GetString()!, status => status.GetProperty("value").GetDouble());
        Assert.True(figures["req_rate"] > 0);
        Assert.Equal(0.5, figures["error_rate"]);
        Assert.Equal(250, figures["latency_p50"], precision: 3);
        var metrics = await admin.GetFromJsonAsync<JsonElement>($"{Group}/service-graph/node-metrics?cluster={cluster}&namespace=tr-shop&service={callee}&lookback=3600000&step=3600000");
        Assert.Contains(metrics.GetProperty("errorsRateMetrics")[0].GetProperty("values").EnumerateArray(),
            point => double.Parse(point.GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        var cart = Assert.Single(services.GetProperty("items").EnumerateArray(), item => item.GetProperty("serviceName").GetString() == callee);
        Assert.Equal(0.5, cart.GetProperty("errorRate").GetDouble());
        Assert.True(cart.GetProperty("reqRate").GetDouble() > 0);
    }

    [Fact]
    public async Task An_export_without_the_ingest_key_is_refused()
    {
        using var client = Platform.Insight.CreateClient();
        var body = new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-protobuf") } };

        var missing = await client.PostAsync("/v1/traces", body);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key");
        var wrong = await client.PostAsync("/v1/traces", body);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", InsightHost.TraceIngestKey);
        var right = await client.PostAsync("/v1/traces", body);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task A_malformed_export_is_refused_saying_what_is_wrong()
    {
        using var client = Platform.Insight.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", InsightHost.TraceIngestKey);
        var body = new ByteArrayContent([0x0A, 0x10, 0x01]) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-protobuf") } };

        var response = await client.PostAsync("/v1/traces", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ExportTraceServiceRequest", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spans_are_paged_counted_per_interval_and_their_tags_listed()
    {
        var cluster = Platform.ClusterNames[1];
        var (caller, callee) = ($"web-{Guid.NewGuid():N}"[..12], $"api-{Guid.NewGuid():N}"[..12]);
        SendCall(caller, callee, cluster, "tr-tags", calleeFails: true);
        SendCall(caller, callee, cluster, "tr-tags", calleeFails: false);
        var admin = Platform.AdminClient();
        await Eventually.Until(async () => (await TracesAsync(admin, $"serviceName={callee}")).Count == 2, "both traces stored");

        var errors = await PostAsync(admin, "jaeger/v2/spans", new { serviceName = new[] { callee }, onlyErrorSpans = true });
        var histogram = await PostAsync(admin, "jaeger/v2/spans/histogram", new { serviceName = new[] { caller, callee }, interval = "3600s" });
        var tags = await admin.GetFromJsonAsync<JsonElement>($"{Group}/traces/tags?cluster={cluster}&namespace=tr-tags&serviceNames={caller}");
        var values = await admin.GetFromJsonAsync<JsonElement>($"{Group}/traces/tags/http.request.method/values?cluster={cluster}&namespace=tr-tags");
        var operations = await admin.GetFromJsonAsync<JsonElement>($"{Group}/traces/clusters/{cluster}/operations?namespace=tr-tags&serviceName={caller}");

        var error = Assert.Single(errors.GetProperty("items").EnumerateArray());
        Assert.Equal(("GET /cart", "UNHEALTHY", "250000000"), (error.GetProperty("operationName").GetString(), error.GetProperty("status").GetString(), error.GetProperty("duration").GetString()));
        Assert.Equal(6, histogram.GetProperty("countItems").EnumerateArray().Sum(bucket => long.Parse(bucket.GetProperty("total").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1, histogram.GetProperty("countItems").EnumerateArray().Sum(bucket => long.Parse(bucket.GetProperty("error").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["http.request.method"], tags.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal(["GET"], values.GetProperty("values").EnumerateArray().Select(value => value.GetString()));
        Assert.Equal(["GET /checkout", "GET cart"], operations.GetProperty("operations").EnumerateArray().Select(operation => operation.GetString()));
    }

    [Fact]
    public async Task A_gzip_export_is_read_and_one_over_the_size_limit_refused()
    {
        using var client = Platform.Insight.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", InsightHost.TraceIngestKey);
        using var zipped = new MemoryStream();
        await using (var gzip = new GZipStream(zipped, CompressionLevel.Fastest, leaveOpen: true))
        {
            // An empty ExportTraceServiceRequest is zero bytes long.
        }

        var empty = await client.PostAsync("/v1/traces", Protobuf(zipped.ToArray(), "gzip"));
        var broken = await client.PostAsync("/v1/traces", Protobuf([1, 2, 3], "gzip"));
        var huge = await client.PostAsync("/v1/traces", Protobuf(new byte[4 * 1024 * 1024 + 1], null));

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Contains("Insight:Traces:MaxRequestBytes", (await huge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_drops_whole_days_past_it_and_keeps_the_rest()
    {
        var partitions = Platform.Insight.Services.GetRequiredService<TracePartitions>();
        var database = Platform.Insight.Services.GetRequiredService<TraceDatabase>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var old = today.AddDays(-30);
        await partitions.EnsureAsync([old, today], CancellationToken.None);

        var dropped = await partitions.DropBeforeAsync(DateTime.UtcNow.AddDays(-7), CancellationToken.None);

        Assert.Contains(old, dropped);
        Assert.DoesNotContain(today, dropped);
        await using var exists = database.DataSource.CreateCommand($"SELECT to_regclass('{TracePartitions.NameOf(old)}') IS NOT NULL, to_regclass('{TracePartitions.NameOf(today)}') IS NOT NULL");
        await using var row = await exists.ExecuteReaderAsync();
        await row.ReadAsync();
        Assert.Equal((false, true), (row.GetBoolean(0), row.GetBoolean(1)));
    }

    [Theory]
    [InlineData("jaeger/v2/traces/not-a-trace-id", HttpStatusCode.BadRequest, "32 hexadecimal digits")]
    [InlineData("jaeger/v2/traces?start=2026-01-02T00:00:00Z&end=2026-01-01T00:00:00Z", HttpStatusCode.BadRequest, "before the end")]
    [InlineData("jaeger/v2/traces?limit=100000", HttpStatusCode.UnprocessableEntity, "MaxQueryLimit")]
    [InlineData("jaeger/v2/traces?durationMin=fast", HttpStatusCode.BadRequest, "300ms")]
    public async Task Bad_input_is_refused_naming_the_fix(string path, HttpStatusCode status, string hint)
    {
        var response = await Platform.AdminClient().GetAsync($"{Group}/{path}");

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(hint, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private void SendCall(string caller, string callee, string? cluster, string? ns, bool calleeFails) =>
        ServiceCalls.Send(Platform.Insight, caller, callee, cluster, ns, calleeFails);

    private static ByteArrayContent Protobuf(byte[] body, string? encoding)
    {
        var content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-protobuf") } };
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }

        return content;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body) =>
        await (await client.PostAsJsonAsync($"{Group}/{path}", body)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<List<JsonElement>> TracesAsync(HttpClient client, string query) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"{Group}/jaeger/v2/traces?{query}")).GetProperty("traces").EnumerateArray()];

    private static async Task<List<string>> ServiceNamesAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"{Group}/traces/service-names")).GetProperty("services").EnumerateArray().Select(name => name.GetString()!)];

    private static async Task<JsonElement> GraphAsync(HttpClient client) =>
        await (await client.PostAsJsonAsync($"{Group}/service-graph/graph", new { })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
}
