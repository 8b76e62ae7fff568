using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

// Authenticated requests per second to Global Management, directly and through the gateway, in one run of the whole
// graph. Both paths cross the same local endpoint proxy, so the ratio isolates the gateway hop (routing, token
// validation, rate limiting). Loopback only; every loop is bounded in time.
// With `replicas` first: requests per second through the entry with 1, 2 and 3 replicas of every module instead.
if (args is ["replicas", ..])
{
    await ReplicaScaling.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16);
    return;
}

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var password = $"Bench-{Guid.NewGuid():N}";

var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Dce_AppHost>(
[
    "--Dce:Middleware:Mode=process",
    "--Dce:Middleware:Ephemeral=true",
    $"--Parameters:admin-password={password}",
]);
builder.Services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }));
// The benchmark measures cost, not the per-subject budget.
builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "gateway"))
    .WithEnvironment("Gateway__RateLimit__RequestsPerSecond", "1000000")
    .WithEnvironment("Gateway__RateLimit__Burst", "1000000");

await using var app = await builder.BuildAsync();
using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(10));
await app.StartAsync(startup.Token);
await app.ResourceNotifications.WaitForResourceHealthyAsync("ghippo", startup.Token);
await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", startup.Token);

using var gatewayClient = app.CreateHttpClient("gateway", "http");
using var moduleClient = app.CreateHttpClient("ghippo", "http");
using var login = await gatewayClient.PostAsJsonAsync("/apis/ghippo.io/v1alpha1/login", new { username = "admin", password });
login.EnsureSuccessStatusCode();
var token = (await login.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["idToken"].ToString()!;
gatewayClient.DefaultRequestHeaders.Authorization = moduleClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

const string path = "/apis/ghippo.io/v1alpha1/current-user";
await MeasureAsync(moduleClient, 3);
await MeasureAsync(gatewayClient, 3);
// Alternate the two paths so drift on a shared machine falls on both alike; report the medians.
var directRuns = new List<(double PerSecond, long Failures)>();
var gatewayRuns = new List<(double PerSecond, long Failures)>();
for (var round = 0; round < 3; round++)
{
    directRuns.Add(await MeasureAsync(moduleClient, seconds));
    gatewayRuns.Add(await MeasureAsync(gatewayClient, seconds));
}

var direct = directRuns.OrderBy(r => r.PerSecond).ElementAt(1);
var throughGateway = gatewayRuns.OrderBy(r => r.PerSecond).ElementAt(1);
Console.WriteLine($"| direct to ghippo | {direct.PerSecond:F0} req/s | {directRuns.Sum(r => r.Failures)} failed |");
Console.WriteLine($"| through gateway | {throughGateway.PerSecond:F0} req/s | {gatewayRuns.Sum(r => r.Failures)} failed |");
Console.WriteLine($"| gateway / direct | {throughGateway.PerSecond / direct.PerSecond:P1} | cost {1 - (throughGateway.PerSecond / direct.PerSecond):P1} |");
await app.StopAsync();
return;

Task<(double PerSecond, long Failures)> MeasureAsync(HttpClient client, int durationSeconds) => Throughput.MeasureAsync(client, path, durationSeconds, concurrency);
