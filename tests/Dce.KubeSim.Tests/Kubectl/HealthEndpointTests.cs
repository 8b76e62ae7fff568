using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Kubectl;

[Collection(KubeSimCollection.Name)]
public sealed class HealthEndpointTests(KubeSimServer server)
{
    // The kubeconfig names the cluster's own address, where the API is at the root; the shared address serves it under a prefix.
    private const string Root = "/clusters/" + KubeSimServer.Cluster;

    [Theory]
    [InlineData("/livez")]
    [InlineData("/readyz")]
    [InlineData("/healthz")]
    public async Task Kubectl_reads_the_health_endpoints(string endpoint)
    {
        Assert.Equal("ok", (await server.Kubectl().OkAsync("get", "--raw", endpoint)).Trim());
    }

    [Fact]
    public async Task Readyz_verbose_lists_each_check_as_the_api_server_does()
    {
        var verbose = await server.Kubectl().OkAsync("get", "--raw", "/readyz?verbose");

        Assert.Contains("[+]etcd ok", verbose, StringComparison.Ordinal);
        Assert.EndsWith("readyz check passed", verbose.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal("ok", (await server.Kubectl().OkAsync("get", "--raw", "/readyz/etcd")).Trim());
    }

    [Fact]
    public async Task Health_needs_no_token_while_the_api_still_does()
    {
        using var anonymous = server.Http();

        using var live = await anonymous.GetAsync(new Uri(Root + "/livez", UriKind.Relative));
        using var unknownCheck = await anonymous.GetAsync(new Uri(Root + "/livez/nonsense", UriKind.Relative));
        using var pods = await anonymous.GetAsync(new Uri(Root + "/api/v1/pods", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("ok", await live.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknownCheck.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, pods.StatusCode);
    }
}
