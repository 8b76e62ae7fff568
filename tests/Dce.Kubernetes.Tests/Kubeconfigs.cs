using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Outbound;
using Microsoft.Extensions.Options;

namespace Dce.Kubernetes.Tests;

/// <summary>Kubeconfig loaders for the tests.</summary>
internal static class Kubeconfigs
{
    public static KubeconfigLoader Loader(bool allowHttp = false, string[]? allow = null, string[]? deny = null) =>
        new(Policy(allowHttp, allow, deny));

    public static OutboundPolicy Policy(bool allowHttp = false, string[]? allow = null, string[]? deny = null) =>
        new(Options.Create(new OutboundOptions { AllowHttp = allowHttp, AllowNetworks = [.. allow ?? []], DenyNetworks = [.. deny ?? []] }));
}
