using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.Platform.Contracts.DceApi;

public static class DceContractExtensions
{
    /// <summary>
    /// Registers the module's DCE API, read from the swagger document embedded in <paramref name="assembly"/> as
    /// <paramref name="resourceName"/>; <see cref="DceJson"/> answers in its shapes.
    /// </summary>
    public static IServiceCollection AddDceContract(this IServiceCollection services, Assembly assembly, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return services.AddSingleton(_ =>
        {
            using var stream = assembly.GetManifestResourceStream(resourceName)
                ?? throw new InvalidOperationException($"{resourceName} is not embedded in {assembly.GetName().Name}.");
            return new DceContract(stream);
        });
    }
}
