using Dce.AppHost.Publishing.Components;
using Dce.AppHost.Publishing.Kustomize;
using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>The components switch middleware to managed services and add the dashboard.</summary>
public sealed class ComponentTests(GeneratedManifestsFixture fixture) : IClassFixture<GeneratedManifestsFixture>
{
    [Fact]
    public void External_middleware_component_removes_statefulsets_and_reads_connection_strings_from_its_secret()
    {
        var objects = Render("overlays/aws", ExternalMiddlewareComponent.Folder);

        Assert.Empty(objects.OfType<V1StatefulSet>());
        var containers = objects.OfType<V1Deployment>().SelectMany(deployment => deployment.Spec.Template.Spec.Containers)
            .Concat(objects.OfType<V1Job>().SelectMany(job => job.Spec.Template.Spec.Containers)).ToList();
        var connectionStrings = containers.SelectMany(container => container.Env ?? []).Where(variable => variable.Name.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(connectionStrings);
        Assert.All(connectionStrings, variable => Assert.Equal(ExternalMiddlewareComponent.SecretName, variable.ValueFrom.SecretKeyRef.Name));
        Assert.Contains(objects.OfType<V1Secret>(), secret => secret.Metadata.Name == ExternalMiddlewareComponent.SecretName);
        Assert.DoesNotContain(objects.OfType<V1ConfigMap>().SelectMany(map => map.Data ?? new Dictionary<string, string>()), setting => setting.Key.EndsWith("_HOST", StringComparison.Ordinal));
    }

    [Fact]
    public void Dashboard_component_makes_the_dashboard_the_collectors_backend()
    {
        var objects = Render("base", AspireDashboardComponent.Folder);

        Assert.Contains(objects.OfType<V1Deployment>(), deployment => deployment.Metadata.Name == AspireDashboardComponent.Name);
        var backend = objects.OfType<V1ConfigMap>().Single(map => map.Metadata.Name == "otel-collector-backend");
        Assert.StartsWith(AspireDashboardComponent.Name + ":", backend.Data["OTLP_BACKEND_ENDPOINT"], StringComparison.Ordinal);
    }

    private List<object> Render(string resource, string component)
    {
        var folder = Path.Combine(fixture.Manifests.Directory, $"with-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var kustomization = Kustomization.Of($"../{resource}");
        kustomization.Components = [$"../{component}"];
        File.WriteAllText(Path.Combine(folder, "kustomization.yaml"), KubernetesYaml.Serialize(kustomization));
        return [.. KubernetesYaml.LoadAllFromString(Kubectl.Kustomize(folder), strict: true)];
    }
}
