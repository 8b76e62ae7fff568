using Dce.Kubernetes;

namespace Dce.Multicloud.Propagation;

/// <summary>Registers the propagation engine: Karmada's controllers for the embedded instances.</summary>
public static class PropagationExtensions
{
    public static IServiceCollection AddPropagation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PropagationOptions>().Bind(configuration.GetSection(PropagationOptions.Section));
        services.AddOptions<MulticloudOptions>().Bind(configuration.GetSection(MulticloudOptions.Section));
        services.AddKubeconfigLoader(configuration);
        services.AddHostedService<PropagationEngine>();
        return services;
    }
}
