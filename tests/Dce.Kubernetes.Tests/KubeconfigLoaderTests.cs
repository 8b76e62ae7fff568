using Dce.Kubernetes.Kubeconfigs;
using Dce.Testing;

namespace Dce.Kubernetes.Tests;

[Trait("Category", "Security")]
public sealed class KubeconfigLoaderTests
{
    private const string Server = "https://cluster.example.com:6443";

    [Fact]
    public void An_inline_kubeconfig_loads_and_names_its_server_field()
    {
        var loaded = Load(KubeconfigText.For(Server, "client-certificate-data: Zm9v\nclient-key-data: YmFy\ntoken: t"));

        Assert.Equal("https://cluster.example.com:6443", loaded.Configuration.Host.TrimEnd('/'));
        Assert.Equal("clusters[0].cluster.server", loaded.ServerField);
    }

    [Fact]
    public void An_exec_plugin_is_refused_by_name_and_never_runs()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"dce-exec-{Guid.NewGuid():N}");
        var user = $"""
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: touch
              args: ["{marker}"]
            """;

        var error = Refusal(KubeconfigText.For(Server, user));

        Assert.Equal("users[0].user.exec is not allowed: only inline credentials are accepted (token, username/password, client-certificate-data/client-key-data).", error);
        Assert.False(File.Exists(marker));
    }

    [Theory]
    [InlineData("auth-provider:\n  name: gcp\n  config:\n    cmd-path: /bin/true", "users[0].user.auth-provider")]
    [InlineData("tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token", "users[0].user.tokenFile")]
    [InlineData("client-certificate: /etc/kubernetes/pki/admin.crt\nclient-key-data: YmFy", "users[0].user.client-certificate")]
    [InlineData("client-certificate-data: Zm9v\nclient-key: /etc/kubernetes/pki/admin.key", "users[0].user.client-key")]
    public void A_user_field_that_reads_a_file_or_runs_something_is_refused_by_name(string user, string field)
    {
        Assert.StartsWith($"{field} is not allowed", Refusal(KubeconfigText.For(Server, user)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("certificate-authority: /etc/kubernetes/pki/ca.crt", "clusters[0].cluster.certificate-authority")]
    [InlineData("proxy-url: http://proxy.internal:3128", "clusters[0].cluster.proxy-url")]
    [InlineData("insecure-skip-tls-verify: true", "clusters[0].cluster.insecure-skip-tls-verify")]
    public void A_cluster_field_that_reads_a_file_or_bypasses_tls_is_refused_by_name(string cluster, string field)
    {
        Assert.StartsWith($"{field} is not allowed", Refusal(KubeconfigText.For(Server, cluster: cluster)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_user_that_no_context_uses_is_refused_too()
    {
        var kubeconfig = KubeconfigText.For(Server).Replace("contexts:", """
            - name: unused
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: id
            contexts:
            """, StringComparison.Ordinal);

        Assert.StartsWith("users[1].user.exec is not allowed", Refusal(kubeconfig), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not: [a kubeconfig")]
    [InlineData("- just\n- a list")]
    public void Unreadable_text_is_refused_with_a_reason(string text)
    {
        Assert.False(string.IsNullOrWhiteSpace(Refusal(text)));
    }

    [Fact]
    public void A_kubeconfig_over_256_KiB_is_refused()
    {
        var padding = "\n# " + new string('x', 256 * 1024);

        Assert.Equal("kubeconfig is longer than 256 KiB.", Refusal(KubeconfigText.For(Server) + padding));
    }

    private static LoadedKubeconfig Load(string kubeconfig)
    {
        Assert.True(Kubeconfigs.Loader().TryLoad(kubeconfig, out var loaded, out var error), error);
        return loaded;
    }

    private static string Refusal(string kubeconfig)
    {
        Assert.False(Kubeconfigs.Loader().TryLoad(kubeconfig, out _, out var error));
        return error;
    }
}
