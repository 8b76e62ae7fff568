using System.Net;
using Dce.Kubernetes.Errors;
using Dce.Testing;
using k8s;
using k8s.Autorest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Dce.Kubernetes.Tests;

[Trait("Category", "Security")]
public sealed class OutboundPolicyTests
{
    [Theory]
    [InlineData("https://127.0.0.1:6443")]
    [InlineData("https://127.1:6443")]
    [InlineData("https://0x7f000001:6443")]
    [InlineData("https://2130706433:6443")]
    [InlineData("https://[::ffff:127.0.0.1]:6443")]
    [InlineData("https://[::1]:6443")]
    public void Every_spelling_of_loopback_is_refused_before_connecting(string server)
    {
        using var listener = new AcceptCounter(IPAddress.Loopback);

        var refused = Kubeconfigs.Loader().TryLoad(KubeconfigText.For(server), out _, out var error);

        Assert.False(refused);
        Assert.StartsWith("clusters[0].cluster.server points at ", error, StringComparison.Ordinal);
        Assert.EndsWith("which is refused (loopback).", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_name_resolving_to_loopback_is_refused_when_connecting()
    {
        using var listener = new AcceptCounter(IPAddress.Loopback);
        Assert.True(Kubeconfigs.Loader().TryLoad(KubeconfigText.For($"https://localhost:{listener.Port}"), out var loaded, out var error), error);
        using var client = new k8s.Kubernetes(loaded.Configuration);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => client.Version.GetCodeAsync());

        Assert.StartsWith("localhost resolves to ", ConnectionFailures.Describe(failure), StringComparison.Ordinal);
        Assert.Contains("(loopback)", ConnectionFailures.Describe(failure), StringComparison.Ordinal);
        Assert.Equal(0, listener.Accepted);
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("100.100.100.200")]
    [InlineData("fd00:ec2::254")]
    [InlineData("169.254.10.1")]
    [InlineData("fe80::1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("224.0.0.1")]
    [InlineData("ff02::1")]
    [InlineData("255.255.255.255")]
    [InlineData("::ffff:169.254.169.254")]
    public void Metadata_link_local_unspecified_multicast_and_broadcast_stay_refused_whatever_is_allowed(string address)
    {
        var policy = Kubeconfigs.Policy(allow: ["0.0.0.0/0", "::/0"]);

        Assert.NotNull(policy.RefusalOf(IPAddress.Parse(address)));
    }

    [Fact]
    public void Loopback_is_allowed_only_when_an_operator_allows_it_and_a_denial_wins()
    {
        Assert.Equal("loopback", Kubeconfigs.Policy().RefusalOf(IPAddress.Loopback));
        Assert.Null(Kubeconfigs.Policy(allow: ["127.0.0.0/8"]).RefusalOf(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.NotNull(Kubeconfigs.Policy(allow: ["127.0.0.0/8"], deny: ["127.0.0.1/32"]).RefusalOf(IPAddress.Loopback));
        Assert.NotNull(Kubeconfigs.Policy(deny: ["10.0.0.0/8"]).RefusalOf(IPAddress.Parse("10.1.2.3")));
        Assert.Null(Kubeconfigs.Policy().RefusalOf(IPAddress.Parse("10.1.2.3")));
    }

    [Fact]
    public void Plain_http_is_refused_unless_allowed()
    {
        Assert.Equal("must use https: plain http to a cluster is not allowed here.", Kubeconfigs.Policy().CheckServer("http://cluster.example.com"));
        Assert.Null(Kubeconfigs.Policy(allowHttp: true).CheckServer("http://cluster.example.com"));
        Assert.NotNull(Kubeconfigs.Policy().CheckServer("ftp://cluster.example.com"));
    }

    [Fact]
    public void A_network_that_is_not_a_cidr_stops_the_policy_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Kubeconfigs.Policy(allow: ["localhost"]));

        Assert.Contains("Dce:Clusters:Outbound:AllowNetworks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_answered_as_it_is_and_never_followed()
    {
        using var target = new AcceptCounter(IPAddress.Parse("127.0.0.2"));
        await using var redirecting = await RedirectingServerAsync($"http://127.0.0.2:{target.Port}/version");
        var loader = Kubeconfigs.Loader(allowHttp: true, allow: ["127.0.0.1/32"]);
        Assert.True(loader.TryLoad(KubeconfigText.For(redirecting.Urls.Single()), out var loaded, out var error), error);
        using var client = new k8s.Kubernetes(loaded.Configuration);

        var failure = await Assert.ThrowsAsync<HttpOperationException>(() => client.Version.GetCodeAsync());

        Assert.Equal(HttpStatusCode.Redirect, failure.Response.StatusCode);
        Assert.Equal("HTTP 302 Found", ConnectionFailures.Describe(failure));
        Assert.Equal(0, target.Accepted);
    }

    private static async Task<WebApplication> RedirectingServerAsync(string location)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.Redirect(location);
            return Task.CompletedTask;
        });
        await app.StartAsync();
        return app;
    }
}
