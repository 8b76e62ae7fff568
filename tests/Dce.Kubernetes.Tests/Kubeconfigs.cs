using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Outbound;
using Microsoft.Extensions.Options;

namespace Dce.Kubernetes.Tests;

/// <summary>Kubeconfig texts and loaders for the tests.</summary>
internal static class Kubeconfigs
{
    public const string InlineUser = "token: inline-token";

    /// <summary>A kubeconfig with one cluster at <paramref name="server"/> and one user.</summary>
    public static string For(string server, string user = InlineUser, string cluster = "") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: target
          cluster:
            server: {server}
        {Indent(cluster, 4)}
        users:
        - name: someone
          user:
        {Indent(user, 4)}
        contexts:
        - name: target
          context:
            cluster: target
            user: someone
        current-context: target
        """;

    public static KubeconfigLoader Loader(bool allowHttp = false, string[]? allow = null, string[]? deny = null) =>
        new(Policy(allowHttp, allow, deny));

    public static OutboundPolicy Policy(bool allowHttp = false, string[]? allow = null, string[]? deny = null) =>
        new(Options.Create(new OutboundOptions { AllowHttp = allowHttp, AllowNetworks = [.. allow ?? []], DenyNetworks = [.. deny ?? []] }));

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n').Select(line => line.Length == 0 ? line : new string(' ', spaces) + line));
}
