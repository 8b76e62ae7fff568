using System.Globalization;
using Dce.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Dce.Gateway.Tests;

/// <summary>
/// The gateway in-process in front of several <see cref="Replica"/>s of one module, each a real Kestrel server it
/// reaches over HTTP, as the platform's HA profile gives it (<c>services:demo:http:0</c>, <c>:1</c>...). The route
/// <c>/apis/demo.io</c> is anonymous; the load balancing is round robin so every replica is picked in turn.
/// </summary>
public sealed class ReplicatedGateway : IAsyncDisposable
{
    private readonly WebApplicationFactory<Dce.Gateway.Program> _factory;

    private ReplicatedGateway(WebApplicationFactory<Dce.Gateway.Program> factory, IReadOnlyList<Replica> replicas)
    {
        _factory = factory;
        Replicas = replicas;
    }

    public IReadOnlyList<Replica> Replicas { get; }

    /// <summary>
    /// Starts <paramref name="replicaCount"/> replicas and the gateway. <paramref name="probeInterval"/> is the active
    /// health check's interval; a long one leaves only what requests themselves reveal (passive health and retries).
    /// </summary>
    public static async Task<ReplicatedGateway> StartAsync(int replicaCount, TimeSpan probeInterval, IDictionary<string, string?>? settings = null)
    {
        var replicas = new List<Replica>();
        for (var i = 0; i < replicaCount; i++)
        {
            replicas.Add(await Replica.StartAsync(((char)('a' + i)).ToString()));
        }

        var redis = await SharedMiddleware.RedisAsync();
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis.ConnectionString,
            ["Dce:Identity:Authority"] = "http://idp",
            ["services:idp:http:0"] = "http://127.0.0.1:9",
            ["Gateway:Routes:0:PathPrefix"] = "/apis/demo.io",
            ["Gateway:Routes:0:Service"] = "demo",
            ["Gateway:Routes:0:Anonymous"] = "true",
            ["Gateway:LoadBalancingPolicy"] = "RoundRobin",
            ["Gateway:HealthChecks:Interval"] = probeInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Gateway:RateLimit:RequestsPerSecond"] = "10000",
            ["Gateway:RateLimit:Burst"] = "10000",
        };
        for (var i = 0; i < replicas.Count; i++)
        {
            all[$"services:demo:http:{i}"] = replicas[i].Address.ToString();
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new WebApplicationFactory<Dce.Gateway.Program>().WithWebHostBuilder(host =>
        {
            foreach (var (key, value) in all)
            {
                host.UseSetting(key, value);
            }
        });
        return new ReplicatedGateway(factory, replicas);
    }

    public HttpClient CreateClient() => _factory.CreateClient();

    /// <summary>What the gateway knows of a replica's health.</summary>
    public DestinationHealthState HealthOf(Replica replica)
    {
        var proxy = _factory.Services.GetRequiredService<IProxyStateLookup>();
        if (!proxy.TryGetCluster("demo", out var cluster))
        {
            throw new InvalidOperationException("The gateway has no cluster demo.");
        }

        return cluster.DestinationsState.AllDestinations
            .Single(destination => new Uri(destination.Model.Config.Address).Port == replica.Address.Port)
            .Health;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        foreach (var replica in Replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
