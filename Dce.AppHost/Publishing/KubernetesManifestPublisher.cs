using Dce.AppHost.Publishing.Base;
using Dce.AppHost.Publishing.Components;
using Dce.AppHost.Publishing.Graph;
using Dce.AppHost.Publishing.Karmada;
using Dce.AppHost.Publishing.Overlays;
using Microsoft.Extensions.Configuration;

namespace Dce.AppHost.Publishing;

/// <summary>Turns the application model into the files of <c>manifests/</c>.</summary>
public static class KubernetesManifestPublisher
{
    /// <summary>Reads the graph and generates every file; nothing is written.</summary>
    public static async Task<(ManifestSet Manifests, PublishedGraph Graph)> GenerateAsync(
        DistributedApplicationModel model,
        DistributedApplicationExecutionContext executionContext,
        IConfiguration configuration,
        KubernetesPublishOptions options,
        CancellationToken cancellationToken)
    {
        var graph = await new GraphReader(model, executionContext, configuration).ReadAsync(options.Registry, options.Version, cancellationToken);
        var manifests = new ManifestSet();
        BaseManifests.Add(manifests, graph, options);
        ExternalMiddlewareComponent.Add(manifests, graph);
        AspireDashboardComponent.Add(manifests);
        var targets = CloudTargets.All(configuration);
        OverlayManifests.Add(manifests, graph, options, targets);
        KarmadaManifests.Add(manifests, graph, options, KarmadaMember.Fleet(configuration), targets);
        manifests.AddText(".gitignore", "# Real secret values never enter git.\n*.env\n");
        return (manifests, graph);
    }
}
