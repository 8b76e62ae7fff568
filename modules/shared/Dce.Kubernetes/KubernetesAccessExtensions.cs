using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.Kubernetes;

/// <summary>Registers the kubeconfig loader and the outbound policy every cluster client goes through.</summary>
public static class KubernetesAccessExtensions
{
    /// <summary>Adds <see cref="KubeconfigLoader"/> and <see cref="OutboundPolicy"/>, configured from <c>Dce:Clusters:Outbound</c>.</summary>
    public static IServiceCollection AddKubeconfigLoader(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboundOptions>().Bind(configuration.GetSection(OutboundOptions.Section));
        services.AddSingleton<OutboundPolicy>();
        services.AddSingleton<KubeconfigLoader>();
        return services;
    }
}
