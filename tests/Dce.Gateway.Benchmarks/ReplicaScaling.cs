using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Dce.LocalServers;

/// <summary>
/// Authenticated requests per second through the platform's entry with 1, 2 and 3 replicas of every module and of the
/// gateway (<c>Dce:Replicas</c>): one graph per count, the same request, the same clients. With one replica the entry is
/// the gateway itself; from two on it is haproxy before the gateway replicas.
/// </summary>
internal static class ReplicaScaling
{
    private const string Path = "/apis/ghippo.io/v1alpha1/current-user";

    public static async Task RunAsync(int seconds, int concurrency)
    {
        Console.WriteLine("| replicas | req/s | per replica | scaling efficiency | failed |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        double? single = null;
        foreach (var replicas in new[] { 1, 2, 3 })
        {
            var (perSecond, failures) = await MeasureAsync(replicas, seconds, concurrency);
            single ??= perSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {replicas} | {perSecond:F0} | {perSecond / replicas:F0} | {perSecond / (single.Value * replicas):P0} | {failures} |"));
        }
    }

    private static async Task<(double PerSecond, long Failures)> MeasureAsync(int replicas, int seconds, int concurrency)
    {
        var password = $"Bench-{Guid.NewGuid():N}";
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Dce_AppHost>(
        [
            $"--Dce:Replicas={replicas}",
            $"--Dce:Entry:Port={FreePort.Next()}",
            "--Dce:Middleware:Mode=process",
            "--Dce:Middleware:Ephemeral=true",
            $"--Parameters:admin-password={password}",
        ]);
        // The benchmark measures capacity, not the per-subject budget.
        foreach (var gateway in builder.Resources.OfType<ProjectResource>().Where(r => r.Name.StartsWith("gateway", StringComparison.Ordinal)))
        {
            builder.CreateResourceBuilder(gateway)
                .WithEnvironment("Gateway__RateLimit__RequestsPerSecond", "1000000")
                .WithEnvironment("Gateway__RateLimit__Burst", "1000000");
        }

        await using var app = await builder.BuildAsync();
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await app.StartAsync(startup.Token);
        var entry = replicas == 1 ? "gateway" : "entry";
        foreach (var resource in builder.Resources.OfType<ProjectResource>().Where(r => !r.Name.EndsWith("-surge", StringComparison.Ordinal) && !r.Name.EndsWith("-migrate", StringComparison.Ordinal)))
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, startup.Token);
        }

        await app.ResourceNotifications.WaitForResourceHealthyAsync(entry, startup.Token);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = app.GetEndpoint(entry, "http") };
        using var login = await client.PostAsJsonAsync("/apis/ghippo.io/v1alpha1/login", new { username = "admin", password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["idToken"].ToString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var result = await Throughput.MedianAsync(client, Path, seconds, concurrency);
        await app.StopAsync();
        return result;
    }
}
