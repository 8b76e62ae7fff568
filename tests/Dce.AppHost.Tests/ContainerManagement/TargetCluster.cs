using System.Net;

namespace Dce.AppHost.Tests.ContainerManagement;

/// <summary>
/// The cluster workload tests act on: a simulated one, or — when <c>DCE_TEST_KUBECONFIG</c> names a kubeconfig file —
/// that real cluster, joined as <c>external</c> through the same API.
/// </summary>
public static class TargetCluster
{
    public const string KubeconfigVariable = "DCE_TEST_KUBECONFIG";
    private const string External = "external";

    public static async Task<string> NameAsync(PlatformApi api, string simulated)
    {
        ArgumentNullException.ThrowIfNull(api);
        var name = simulated;
        if (Environment.GetEnvironmentVariable(KubeconfigVariable) is { Length: > 0 } path)
        {
            name = External;
            if ((await api.GetAsync($"{PlatformApi.Kpanda}/clusters/{External}")).Status == HttpStatusCode.NotFound)
            {
                var kubeconfig = await File.ReadAllTextAsync(path);
                (await api.PostAsync($"{PlatformApi.Kpanda}/clusters", new { name = External, kubeconfig })).Expect(HttpStatusCode.Created);
            }
        }

        await api.WaitForAsync($"{PlatformApi.Kpanda}/clusters/{name}", json => json.GetProperty("status").GetProperty("phase").GetString() == "Running", $"cluster {name} Running");
        return name;
    }
}
