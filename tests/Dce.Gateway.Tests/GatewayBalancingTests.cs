using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dce.Testing;
using Yarp.ReverseProxy.Model;

namespace Dce.Gateway.Tests;

/// <summary>A module with several replicas behind the gateway: balanced by health, retried only when safe, 503 when none can serve.</summary>
public sealed class GatewayBalancingTests
{
    private const string ThingsPath = "/apis/demo.io/v1/things";

    /// <summary>Probes so rare that only what requests themselves reveal (refusals, resets) moves traffic.</summary>
    private static readonly TimeSpan RareProbes = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan FrequentProbes = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task With_one_replica_stopped_every_request_succeeds_on_the_other_whatever_its_method()
    {
        await using var gateway = await ReplicatedGateway.StartAsync(2, RareProbes);
        var (running, stopped) = (gateway.Replicas[0], gateway.Replicas[1]);
        using var client = gateway.CreateClient();

        await stopped.StopAsync();
        for (var i = 0; i < 6; i++)
        {
            using var response = await SendAsync(client, i % 2 == 0 ? HttpMethod.Post : HttpMethod.Get);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(running.Name, (await response.Content.ReadFromJsonAsync<ServedRequest>())!.Replica);
        }

        Assert.Equal(6, running.Requests);
        Assert.Equal(DestinationHealth.Unhealthy, gateway.HealthOf(stopped).Passive);
    }

    [Fact]
    public async Task A_GET_that_a_replica_resets_mid_request_is_repeated_on_another()
    {
        await using var gateway = await ReplicatedGateway.StartAsync(2, RareProbes);
        var (resetting, healthy) = (gateway.Replicas[0], gateway.Replicas[1]);
        resetting.ResetsRequests = true;
        using var client = gateway.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            using var response = await SendAsync(client, HttpMethod.Get);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(healthy.Name, (await response.Content.ReadFromJsonAsync<ServedRequest>())!.Replica);
        }

        Assert.Equal(1, resetting.Requests);
    }

    [Fact]
    public async Task A_POST_without_Idempotency_Key_that_a_replica_resets_is_a_502_problem_and_is_not_repeated()
    {
        await using var gateway = await ReplicatedGateway.StartAsync(2, RareProbes);
        var (resetting, healthy) = (gateway.Replicas[0], gateway.Replicas[1]);
        resetting.ResetsRequests = true;
        using var client = gateway.CreateClient();

        var refused = 0;
        for (var i = 0; i < 4; i++)
        {
            var (servedBefore, resetBefore) = (healthy.Requests, resetting.Requests);
            using var response = await SendAsync(client, HttpMethod.Post);
            if (resetting.Requests > resetBefore)
            {
                refused++;
                Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
                var problem = await ReadProblemAsync(response);
                Assert.Contains("demo", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
                Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
                Assert.Equal(servedBefore, healthy.Requests);
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        Assert.Equal(1, refused);
        Assert.Equal(1, resetting.Requests);
    }

    [Fact]
    public async Task A_POST_with_Idempotency_Key_that_a_replica_resets_is_repeated_on_another_with_its_key()
    {
        await using var gateway = await ReplicatedGateway.StartAsync(2, RareProbes);
        var (resetting, healthy) = (gateway.Replicas[0], gateway.Replicas[1]);
        resetting.ResetsRequests = true;
        using var client = gateway.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            var servedBefore = healthy.Requests;
            using var response = await SendAsync(client, HttpMethod.Post, idempotencyKey: $"key-{i}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var served = (await response.Content.ReadFromJsonAsync<ServedRequest>())!;
            Assert.Equal((healthy.Name, $"key-{i}", 5L), (served.Replica, served.IdempotencyKey, served.BodyLength));
            Assert.Equal(servedBefore + 1, healthy.Requests);
        }

        Assert.Equal(1, resetting.Requests);
    }

    [Fact]
    public async Task A_body_larger_than_the_retry_buffer_is_sent_once_even_with_Idempotency_Key()
    {
        await using var gateway = await ReplicatedGateway.StartAsync(2, RareProbes, new Dictionary<string, string?>
        {
            ["Gateway:Retries:MaxBufferedBodyBytes"] = "4",
        });
        var (resetting, healthy) = (gateway.Replicas[0], gateway.Replicas[1]);
        resetting.ResetsRequests = true;
        using var client = gateway.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            var (servedBefore, resetBefore) = (healthy.Requests, resetting.Requests);
            using var response = await SendAsync(client, HttpMethod.Post, idempotencyKey: $"key-{i}");
            if (resetting.Requests > resetBefore)
            {
                Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
                Assert.Equal(servedBefore, healthy.Requests);
            }
        }

        Assert.Equal(1, resetting.Requests);
    }

    [Fact]
    public async Task A_replica_whose_health_turns_503_stops_receiving_traffic_and_gets_it_back_when_ready()
    {
        await using var gateway = await ReplicatedGateway.StartAsync(2, FrequentProbes);
        var (unready, ready) = (gateway.Replicas[0], gateway.Replicas[1]);
        using var client = gateway.CreateClient();

        unready.Unready = true;
        await Eventually.Until(async () => !await ReachesAsync(client, unready), "the unready replica receives no more requests");
        for (var i = 0; i < 6; i++)
        {
            using var response = await SendAsync(client, HttpMethod.Get);
            Assert.Equal(ready.Name, (await response.Content.ReadFromJsonAsync<ServedRequest>())!.Replica);
        }

        unready.Unready = false;
        await Eventually.Until(() => ReachesAsync(client, unready), "the replica ready again receives requests");
    }

    [Fact]
    public async Task No_ready_replica_is_a_503_problem_naming_the_module_with_Retry_After()
    {
        await using var gateway = await ReplicatedGateway.StartAsync(2, FrequentProbes);
        using var client = gateway.CreateClient();

        foreach (var replica in gateway.Replicas)
        {
            replica.Unready = true;
        }

        await Eventually.Until(async () =>
        {
            using var response = await SendAsync(client, HttpMethod.Get);
            return response.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, "the gateway answers 503 once no replica is ready");
        using var unavailable = await SendAsync(client, HttpMethod.Get);
        await AssertUnavailableAsync(unavailable);
    }

    [Fact]
    public async Task Every_replica_stopped_is_a_503_problem_naming_the_module_with_Retry_After()
    {
        await using var gateway = await ReplicatedGateway.StartAsync(2, RareProbes);
        using var client = gateway.CreateClient();

        foreach (var replica in gateway.Replicas)
        {
            await replica.StopAsync();
        }

        using var first = await SendAsync(client, HttpMethod.Post);
        using var next = await SendAsync(client, HttpMethod.Post);
        await AssertUnavailableAsync(first);
        await AssertUnavailableAsync(next);
    }

    [Fact]
    public async Task A_watch_streams_through_without_being_buffered()
    {
        await using var gateway = await ReplicatedGateway.StartAsync(1, RareProbes);
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync(new Uri("/apis/demo.io/v1/watch?watch=true", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal("first", await reader.ReadLineAsync());
        gateway.Replicas[0].ReleaseStream();
        Assert.Equal("last", await reader.ReadLineAsync());
    }

    private static async Task<bool> ReachesAsync(HttpClient client, Replica replica)
    {
        var before = replica.Requests;
        for (var i = 0; i < 4; i++)
        {
            using var response = await SendAsync(client, HttpMethod.Get);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return replica.Requests > before;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, ThingsPath);
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("hello", Encoding.UTF8, "text/plain");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = await ReadProblemAsync(response);
        Assert.Contains("demo", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
