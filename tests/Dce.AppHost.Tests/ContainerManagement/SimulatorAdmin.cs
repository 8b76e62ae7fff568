using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;

namespace Dce.AppHost.Tests.ContainerManagement;

/// <summary>The simulator's failure controls and cluster catalogue, as a platform operator uses them.</summary>
public sealed class SimulatorAdmin : IDisposable
{
    private readonly HttpClient _http;

    public SimulatorAdmin(PlatformFixture platform)
    {
        _http = platform.App.CreateHttpClient("kubesim", "http");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PlatformFixture.KubeSimAdminToken);
    }

    /// <summary>Adds a small cluster and answers its kubeconfig.</summary>
    public async Task<string> AddClusterAsync(string name)
    {
        using var added = await _http.PostAsJsonAsync(new Uri("/sim/clusters", UriKind.Relative), new
        {
            name,
            provider = "gcp",
            region = "europe-west1",
            zones = new[] { "europe-west1-b" },
            systemWorkloads = false,
            nodePools = new object[]
            {
                new { name = "control-plane", count = 1, controlPlane = true },
                new { name = "workers", count = 2, cpu = "4", memory = "16Gi" },
            },
        });
        added.EnsureSuccessStatusCode();
        return await _http.GetStringAsync(new Uri($"/sim/clusters/{name}/kubeconfig", UriKind.Relative));
    }

    public async Task SetUnreachableAsync(string cluster, bool unreachable)
    {
        using var response = await _http.PutAsJsonAsync(new Uri($"/sim/clusters/{cluster}/unreachable", UriKind.Relative), new { enabled = unreachable });
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
