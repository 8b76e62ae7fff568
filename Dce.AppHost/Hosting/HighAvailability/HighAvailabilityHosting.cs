using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>
/// What the high-availability graph (<c>Dce:Replicas</c> &gt;= 2) adds once every module is wired: haproxy (<c>entry</c>)
/// balancing the gateway's replicas, and rolling upgrades (<c>./build.sh upgrade</c> and a dashboard command per module).
/// </summary>
public static class HighAvailabilityHosting
{
    /// <summary>Name of the platform's public entry in the high-availability graph.</summary>
    public const string EntryName = "entry";

    /// <summary>Configuration key of the entry's port (a free port when absent).</summary>
    public const string EntryPortKey = "Dce:Entry:Port";

    /// <summary>Adds the entry before <paramref name="gateway"/> and the upgrade commands, when the modules run as replica sets.</summary>
    public static IDistributedApplicationBuilder AddHighAvailability(this IDistributedApplicationBuilder builder, ModuleReplicas gateway)
    {
        if (gateway.Set.IsSingle)
        {
            return builder;
        }

        builder.AddEntry(EntryName, gateway.Set, builder.Configuration.GetValue<int?>(EntryPortKey));

        builder.Services.AddSingleton<RollingUpgrade>();
        var inbox = UpgradeInbox.Folder(builder);
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<UpgradeInbox>(services, inbox));
        foreach (var primary in builder.Resources.OfType<ProjectResource>().ToList())
        {
            if (primary.TryGetLastAnnotation<ReplicaSetAnnotation>(out var set) && set.Primary == primary)
            {
                builder.CreateResourceBuilder(primary).WithUpgradeCommand();
            }
        }

        return builder;
    }
}
