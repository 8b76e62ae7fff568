using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The pipeline API is Aspire's publish mechanism in 13.x; it is marked experimental, and this is the one place using it.
#pragma warning disable ASPIREPIPELINES001, ASPIREPIPELINES004

namespace Dce.AppHost.Publishing;

/// <summary>Publishing the graph as Kubernetes manifests.</summary>
public static class KubernetesPublishingExtensions
{
    /// <summary>The pipeline step writing the manifests.</summary>
    public const string StepName = "publish-kubernetes-manifests";

    /// <summary>The parameter naming the registry (and repository prefix) of the project images.</summary>
    public const string RegistryParameter = "image-registry";

    /// <summary>The parameter naming the tag of the project images.</summary>
    public const string VersionParameter = "image-version";

    /// <summary>The command that regenerates the checked-in <c>manifests/</c>, run from the repository root (Aspire resolves a relative output path from the AppHost folder).</summary>
    public const string Command = "dotnet run --project Dce.AppHost -- --operation publish --step " + StepName + " --output-path ../manifests";

    /// <summary>
    /// Adds the step that writes <c>manifests/</c> (base, components, cloud overlays, Karmada policies) from the graph
    /// when the AppHost runs with <c>--operation publish</c>; images are <c>&lt;image-registry&gt;/&lt;name&gt;:&lt;image-version&gt;</c>.
    /// </summary>
    public static IDistributedApplicationBuilder AddKubernetesManifests(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsPublishMode || builder.Resources.Any(resource => resource.Name == RegistryParameter))
        {
            return builder;
        }

        var registry = builder.AddParameter(RegistryParameter, "ghcr.io/dce-platform", publishValueAsDefault: true).Resource;
        var version = builder.AddParameter(VersionParameter, "0.1.0", publishValueAsDefault: true).Resource;
        builder.Pipeline.AddStep(StepName, async context =>
        {
            var configuration = context.Services.GetRequiredService<IConfiguration>();
            var options = new KubernetesPublishOptions(
                KubernetesPublishOptions.DefaultNamespace,
                configuration[$"Parameters:{RegistryParameter}"] ?? registry.Default!.GetDefaultValue(),
                configuration[$"Parameters:{VersionParameter}"] ?? version.Default!.GetDefaultValue());
            var output = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
            var (manifests, graph) = await KubernetesManifestPublisher.GenerateAsync(context.Model, context.ExecutionContext, configuration, options, context.CancellationToken);
            manifests.WriteTo(output);
            foreach (var warning in graph.Warnings)
            {
                context.Logger.LogWarning("{Warning}", warning);
            }

            context.Summary.Add("Kubernetes manifests", $"{manifests.Files.Count} files for {graph.Workloads.Count} workloads in {output}");
        }, requiredBy: WellKnownPipelineSteps.Publish);
        return builder;
    }
}
