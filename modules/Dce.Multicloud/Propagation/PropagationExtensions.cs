using Dce.Kubernetes;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dce.Multicloud.Propagation;

/// <summary>Registers the propagation engine: Karmada's controllers for the embedded instances (called by AddMulticloud, which binds <see cref="MulticloudOptions"/>).</summary>
public static class PropagationExtensions
{
    public static IServiceCollection AddPropagation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PropagationOptions>().Bind(configuration.GetSection(PropagationOptions.Section));
        // MulticloudOptions are bound by AddMulticloud: binding its list twice would list every instance twice.
        services.TryAddSingleton(TimeProvider.System);
        services.AddKubeconfigLoader(configuration);
        services.AddHostedService<PropagationEngine>();
        return services;
    }
}
