using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dce.Coordination;

public static class CoordinationExtensions
{
    /// <summary>
    /// Adds this module's <see cref="ReplicaRing"/> named <paramref name="ringName"/> (joined at start, left at stop) and
    /// <see cref="SingletonWork"/>. Register it before the services that use the ring, so it has looked at the ring first.
    /// </summary>
    public static IServiceCollection AddCoordination(this IServiceCollection services, IConfiguration configuration, string ringName)
    {
        services.AddCoordinationOptions(configuration);
        services.AddSingleton(provider => new ReplicaRing(
            ringName,
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<IOptions<CoordinationOptions>>().Value,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<ReplicaRing>()));
        services.AddHostedService(provider => provider.GetRequiredService<ReplicaRing>());
        return services;
    }

    /// <summary>
    /// The ring name of a module's replicas: the module and its database, since replicas of one deployment share exactly
    /// that, and two deployments (or test hosts) sharing a Redis server must not split each other's work.
    /// </summary>
    public static string RingName(string module, string? connectionString) =>
        $"{module}/{new Npgsql.NpgsqlConnectionStringBuilder(connectionString ?? "").Database}";

    /// <summary>Adds <see cref="SingletonWork"/> and the <c>Dce:Coordination</c> options, for a module without a ring.</summary>
    public static IServiceCollection AddCoordinationOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CoordinationOptions>().Bind(configuration.GetSection(CoordinationOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SingletonWork>();
        return services;
    }
}
