using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dce.AppHost.Hosting;

/// <summary>Healthy when <paramref name="address"/> answers a success status.</summary>
internal sealed class HttpHealthCheck(Uri address) : IHealthCheck
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await Http.GetAsync(address, cancellationToken);
            return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{address} answered {(int)response.StatusCode}.");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{address} is not reachable.", exception);
        }
    }
}
