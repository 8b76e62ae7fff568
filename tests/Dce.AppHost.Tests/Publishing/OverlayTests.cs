using System.Text.RegularExpressions;
using Dce.AppHost.Publishing.Kustomize;
using Dce.AppHost.Publishing.Overlays;
using Dce.Testing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>Every overlay renders with kubectl and changes the base exactly where its kustomization says.</summary>
public sealed class OverlayTests : IClassFixture<GeneratedManifestsFixture>
{
    private readonly GeneratedManifests _generated;

    public OverlayTests(GeneratedManifestsFixture fixture) => _generated = fixture.Manifests;

    public static TheoryData<string> Clouds => new(CloudTargets.All(new ConfigurationBuilder().Build()).Select(target => target.Name));

    [Theory]
    [MemberData(nameof(Clouds))]
    public void Overlay_renders_and_differs_from_base_only_where_it_says(string cloud)
    {
        var baseObjects = Render("base");
        var overlayObjects = Render($"overlays/{cloud}");
        var kustomization = KubernetesYaml.Deserialize<Kustomization>(
            File.ReadAllText(Path.Combine(_generated.Directory, "overlays", cloud, "kustomization.yaml")), strict: true);

        Assert.Equal(baseObjects.Keys.Order(), overlayObjects.Keys.Order());
        var changed = baseObjects.Keys.Where(key => baseObjects[key] != overlayObjects[key]).ToHashSet();
        var declared = baseObjects.Keys.Where(key => IsPatched(key, kustomization) || UsesRewrittenImage(baseObjects[key], kustomization)).ToHashSet();
        Assert.Equal(declared.Order(), changed.Order());
    }

    [Theory]
    [MemberData(nameof(Clouds))]
    public void Overlay_sets_the_targets_registry_storage_and_ingress(string cloud)
    {
        var target = CloudTargets.All(new ConfigurationBuilder().Build()).Single(candidate => candidate.Name == cloud);
        var objects = KubernetesYaml.LoadAllFromString(Kubectl.Kustomize(Path.Combine(_generated.Directory, "overlays", cloud)), strict: true);

        Assert.All(objects.OfType<V1Ingress>(), ingress => Assert.Equal(target.IngressClass, ingress.Spec.IngressClassName));
        var statefulSets = objects.OfType<V1StatefulSet>().ToList();
        Assert.NotEmpty(statefulSets);
        Assert.All(statefulSets.SelectMany(set => set.Spec.VolumeClaimTemplates), claim => Assert.Equal(target.StorageClass, claim.Spec.StorageClassName));
        var gateway = objects.OfType<V1Deployment>().Single(deployment => deployment.Metadata.Name == "gateway");
        Assert.StartsWith(target.Registry + "/gateway:", gateway.Spec.Template.Spec.Containers[0].Image, StringComparison.Ordinal);
        foreach (var (key, value) in target.NodeSelector)
        {
            Assert.All(PodSpecs(objects), pod => Assert.Equal(value, pod.NodeSelector[key]));
        }

        if (target.AssignsUserIds)
        {
            Assert.All(PodSpecs(objects), pod => Assert.Null(pod.SecurityContext.RunAsUser));
        }

        if (target.Small)
        {
            Assert.All(objects.OfType<V1Deployment>().Where(deployment => deployment.Metadata.Name != "otel-collector"), deployment => Assert.Equal(1, deployment.Spec.Replicas));
        }
    }

    private Dictionary<string, string> Render(string folder) =>
        KubernetesYaml.LoadAllFromString(Kubectl.Kustomize(Path.Combine(_generated.Directory, folder)), strict: true)
            .Cast<IKubernetesObject<V1ObjectMeta>>()
            .ToDictionary(item => $"{item.Kind}/{item.Metadata.Name}", item => KubernetesYaml.Serialize(item));

    private static bool IsPatched(string key, Kustomization kustomization) =>
        kustomization.Patches!.Any(patch =>
            key.StartsWith(patch.Target!.Kind + "/", StringComparison.Ordinal)
            && (patch.Target.Name is null || Regex.IsMatch(key[(patch.Target.Kind!.Length + 1)..], patch.Target.Name)));

    private static bool UsesRewrittenImage(string yaml, Kustomization kustomization) =>
        kustomization.Images!.Any(image => yaml.Contains($"image: {image.Name}:", StringComparison.Ordinal) || yaml.Contains($"image: {image.Name}@", StringComparison.Ordinal));

    private static IEnumerable<V1PodSpec> PodSpecs(IEnumerable<object> objects) =>
        objects.OfType<V1Deployment>().Select(item => item.Spec.Template.Spec)
            .Concat(objects.OfType<V1StatefulSet>().Select(item => item.Spec.Template.Spec))
            .Concat(objects.OfType<V1Job>().Select(item => item.Spec.Template.Spec));
}
