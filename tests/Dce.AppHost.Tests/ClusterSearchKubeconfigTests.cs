using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Dce.AppHost.Hosting;
using Dce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Tests;

/// <summary>
/// kubectl against every cluster at once, as a platform team uses it: the kubeconfig the platform writes, the gateway's
/// HTTPS with the platform's certificate, and a personal access key as the token.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ClusterSearchKubeconfigTests(PlatformFixture platform)
{
    private static readonly string[] EmbeddedClusters = ["cloud-east", "cloud-west", "edge-arm"];

    // What kubectl prints for a 401.
    private const string LoggedOut = "You must be logged in to the server";

    [Fact]
    public async Task Until_an_access_key_is_added_kubectl_gets_Unauthorized_through_the_written_kubeconfig()
    {
        var kubeconfig = CopyOfWrittenKubeconfig();
        var kubectl = new Kubectl(kubeconfig);

        var asWritten = await kubectl.RunAsync("get", "deployments", "-A");
        await kubectl.OkAsync("config", "set-credentials", "dce", "--token=dcek_not-a-key-of-anyone");
        var unknown = await kubectl.RunAsync("get", "deployments", "-A");

        Assert.NotEqual(0, asWritten.ExitCode);
        Assert.Contains(LoggedOut, asWritten.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains(LoggedOut, unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_lists_the_deployments_of_every_cluster_through_the_gateway_with_an_access_key_until_it_is_deleted()
    {
        using var gateway = platform.App.CreateHttpClient("gateway", "http");
        var (id, key) = await CreateAccessKeyAsync(gateway);
        var kubeconfig = CopyOfWrittenKubeconfig();
        var kubectl = new Kubectl(kubeconfig);
        await kubectl.OkAsync("config", "set-credentials", "dce", $"--token={key}");

        // The clusters are asked again at every attempt: other tests of the shared graph create and delete deployments,
        // and one deleted since a first look would be missing from the search for good.
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        await Eventually.HoldsAsync(async () =>
        {
            expected = await DeploymentsOfEveryClusterAsync();
            var result = await kubectl.RunAsync("get", "deployments", "-A", "--no-headers");
            // With -A kubectl puts NAMESPACE first; the search's own first column is CLUSTER.
            found = new SortedSet<string>(Rows(result.Output).Select(row => row.Split(' ')).Select(cells => $"{cells[1]} {cells[0]} {cells[2]}"), StringComparer.Ordinal);
            return result.ExitCode == 0 && expected.Count > 0 && expected.IsSubsetOf(found);
        }, () => Task.FromResult($"kubectl through the gateway lists every cluster's deployments; missing: {string.Join(", ", expected.Except(found))}; listed: {found.Count}"),
            TimeSpan.FromSeconds(60));

        // The key works for any API, not only kubectl's.
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(gateway, key, "/apis/ghippo.io/v1alpha1/current-user"));

        using (var delete = new HttpRequestMessage(HttpMethod.Delete, $"/apis/ghippo.io/v1alpha1/current-user/accesstokens/{id}"))
        {
            delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync(gateway));
            using var deleted = await gateway.SendAsync(delete);
            Assert.True(deleted.IsSuccessStatusCode, $"deleting the key answered {(int)deleted.StatusCode}");
        }

        await Eventually.Until(async () => await StatusWithAsync(gateway, key, "/apis/ghippo.io/v1alpha1/current-user") == HttpStatusCode.Unauthorized,
            "a deleted access key stops working through the gateway", TimeSpan.FromSeconds(60));
        var refused = await kubectl.RunAsync("get", "deployments", "-A");
        Assert.Contains(LoggedOut, refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_access_key_is_a_401_ProblemDetails_that_reaches_no_module()
    {
        using var gateway = platform.App.CreateHttpClient("gateway", "http");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis/kpanda.io/v1alpha1/clusters");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "dcek_" + Guid.NewGuid().ToString("N"));

        using var response = await gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("access key", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private string CopyOfWrittenKubeconfig()
    {
        var gateway = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "gateway");
        var written = gateway.Annotations.OfType<SearchKubeconfigAnnotation>().Single().Path;
        var text = File.ReadAllText(written);
        Assert.Contains($"server: {platform.App.GetEndpoint("gateway", GatewayHttps.EndpointName).ToString().TrimEnd('/')}{GatewayHttps.SearchPath}", text, StringComparison.Ordinal);
        var folder = Directory.CreateTempSubdirectory("dce-search-kubeconfig-").FullName;
        var copy = Path.Combine(folder, "config");
        File.WriteAllText(copy, text);
        return copy;
    }

    private async Task<SortedSet<string>> DeploymentsOfEveryClusterAsync()
    {
        var deployments = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var cluster in EmbeddedClusters)
        {
            var rows = await new Kubectl(KubeSimKubeconfig(cluster)).OkAsync("get", "deployments", "-A", "--no-headers", "-o", "custom-columns=NS:.metadata.namespace,NAME:.metadata.name");
            foreach (var row in Rows(rows))
            {
                deployments.Add($"{cluster} {row}");
            }
        }

        return deployments;
    }

    private string KubeSimKubeconfig(string cluster)
    {
        var kubesim = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "kubesim");
        return Path.Combine(kubesim.Annotations.OfType<KubeconfigFolderAnnotation>().Single().Path, $"{cluster}.kubeconfig");
    }

    private static IEnumerable<string> Rows(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(row => string.Join(' ', row.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    private static async Task<(Guid Id, string Key)> CreateAccessKeyAsync(HttpClient gateway)
    {
        var token = await SignInAsync(gateway);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/apis/ghippo.io/v1alpha1/current-user/accesstoken")
        {
            Content = JsonContent.Create(new { name = "kubectl", expiredAt = DateTimeOffset.UtcNow.AddDays(1) }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetGuid(), created.GetProperty("token").GetString()!);
    }

    private static async Task<string> SignInAsync(HttpClient gateway)
    {
        using var login = await gateway.PostAsJsonAsync(new Uri("/apis/ghippo.io/v1alpha1/login", UriKind.Relative),
            new { username = "admin", password = PlatformFixture.AdminPassword });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("idToken").GetString()!;
    }

    private static async Task<HttpStatusCode> StatusWithAsync(HttpClient gateway, string credential, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        using var response = await gateway.SendAsync(request);
        return response.StatusCode;
    }
}
