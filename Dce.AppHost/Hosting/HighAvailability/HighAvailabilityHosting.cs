using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>
/// The high-availability graph (<c>Dce:Replicas</c> &gt;= 2): every module and the gateway run as that many replicas plus a
/// stopped surge slot, each replica visible on its own address (no shared proxy) so clients balance by health, started
/// from a release folder so upgrades replace them one by one; haproxy (<c>entry</c>) balances the gateway replicas.
/// </summary>
public static class HighAvailabilityHosting
{
    /// <summary>Name of the platform's public entry in the high-availability graph.</summary>
    public const string EntryName = "entry";

    /// <summary>Configuration key of the entry's port (a free port when absent).</summary>
    public const string EntryPortKey = "Dce:Entry:Port";

    /// <summary>
    /// Turns every project added with <see cref="ModuleProjectAnnotation"/> into a replica set when more than one replica is
    /// configured; call it once the whole graph is wired. With one replica the graph is left as it is.
    /// </summary>
    public static IDistributedApplicationBuilder AddHighAvailability(this IDistributedApplicationBuilder builder)
    {
        var count = Replicas.Count(builder);
        if (count < 2 || !builder.ExecutionContext.IsRunMode)
        {
            return builder;
        }

        var state = StateFolder.Of(builder);
        var originals = builder.Resources.OfType<ProjectResource>()
            .Where(resource => resource.HasAnnotationOfType<ModuleProjectAnnotation>()).ToList();
        foreach (var original in originals)
        {
            ProjectReplication.Replicate(builder, original, count, new ReleasePointer(state, original.Name));
        }

        foreach (var client in builder.Resources.OfType<ProjectResource>().ToList())
        {
            ProjectReplication.AddressEveryReplicaOfReferences(builder.CreateResourceBuilder(client));
        }

        var gateway = originals.Single(resource => resource.TryGetLastAnnotation<ModuleProjectAnnotation>(out var project) && project.IsGateway);
        builder.AddEntry(EntryName, gateway.GetReplicaSet(), builder.Configuration.GetValue<int?>(EntryPortKey));

        builder.Services.AddSingleton<RollingUpgrade>();
        var inbox = UpgradeInbox.Folder(builder);
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<UpgradeInbox>(services, inbox));
        foreach (var original in originals)
        {
            builder.CreateResourceBuilder(original).WithUpgradeCommand();
        }

        return builder;
    }

    /// <summary>The replica set of replica 0 of a replicated project.</summary>
    public static ReplicaSetAnnotation GetReplicaSet(this ProjectResource resource) =>
        resource.TryGetLastAnnotation<ReplicaSetAnnotation>(out var set)
            ? set
            : throw new InvalidOperationException($"Resource '{resource.Name}' is not replicated.");
}
