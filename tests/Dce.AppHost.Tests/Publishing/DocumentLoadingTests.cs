using Dce.AppHost.Publishing.Karmada;
using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>Every generated document loads strictly into its typed model.</summary>
public sealed class DocumentLoadingTests(GeneratedManifestsFixture fixture) : IClassFixture<GeneratedManifestsFixture>
{
    [Fact]
    public void Every_generated_document_loads_strictly_into_its_typed_model()
    {
        var yamlFiles = ManifestFiles.Read(fixture.Manifests.Directory).Where(file => file.Key.EndsWith(".yaml", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(yamlFiles);
        foreach (var (path, text) in yamlFiles)
        {
            var documents = ManifestFiles.LoadStrictly(path, text);
            Assert.True(documents.Count > 0, $"{path} holds no document.");
            Assert.All(documents, document => Assert.False(document.GetType() == typeof(KubernetesObject), $"{path}: {document} has no typed model."));
        }
    }

    [Fact]
    public void Checked_in_manifests_load_strictly_into_their_typed_models()
    {
        foreach (var (path, text) in ManifestFiles.Read(Repository.Manifests).Where(file => file.Key.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            Assert.NotEmpty(ManifestFiles.LoadStrictly(path, text));
        }
    }

    [Fact]
    public void Karmada_policies_are_typed_and_pin_middleware_while_dividing_modules()
    {
        var karmada = Path.Combine(fixture.Manifests.Directory, "karmada");
        var policies = Directory.EnumerateFiles(karmada, "*.yaml")
            .Where(file => !file.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(file), KarmadaPolicyGroup.TypeMap, strict: true))
            .ToList();

        var stateless = policies.OfType<PropagationPolicy>().Single(policy => policy.Metadata.Name == "dce-stateless");
        Assert.Equal("Divided", stateless.Spec.Placement.ReplicaScheduling!.ReplicaSchedulingType);
        Assert.True(stateless.Spec.Placement.ReplicaScheduling.WeightPreference!.StaticWeightList.Count > 1);
        Assert.NotNull(stateless.Spec.Failover?.Application);
        var middleware = policies.OfType<PropagationPolicy>().Single(policy => policy.Metadata.Name == "dce-middleware");
        Assert.Single(middleware.Spec.Placement.ClusterAffinity!.ClusterNames!);
        Assert.Single(policies.OfType<ClusterPropagationPolicy>());
        Assert.Contains(policies.OfType<OverridePolicy>(), policy => policy.Spec.OverrideRules.Any(rule => rule.Overriders.ImageOverrider is { Count: > 0 }));
        Assert.Equal(0, Kubectl.Run("kustomize", karmada).ExitCode);
    }

    [Fact]
    public void Collector_configuration_is_yaml_the_collector_reads()
    {
        var collector = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(fixture.Manifests.Directory, "base", "otel-collector.yaml")), strict: true)
            .OfType<V1ConfigMap>().Single(map => map.Metadata.Name == "otel-collector");
        var configuration = KubernetesYaml.Deserialize<Dictionary<string, object>>(collector.Data["config.yaml"]);

        Assert.Equal(["extensions", "receivers", "processors", "exporters", "service"], configuration.Keys);
    }
}
