using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>Kubernetes probes the endpoints that answer its questions: Ready is "takes traffic", alive is "the process works".</summary>
public sealed class ProbeTests(GeneratedManifestsFixture fixture) : IClassFixture<GeneratedManifestsFixture>
{
    [Fact]
    public void Modules_and_the_gateway_are_ready_when_serving_and_live_when_alive()
    {
        var objects = KubernetesYaml.LoadAllFromString(Kubectl.Kustomize(Path.Combine(fixture.Manifests.Directory, "base")), strict: true);
        var services = objects.OfType<V1Deployment>()
            .Where(d => d.Spec.Template.Metadata.Labels.TryGetValue("app.kubernetes.io/component", out var component) && component is "module" or "gateway")
            .SelectMany(d => d.Spec.Template.Spec.Containers.Select(c => (Deployment: d.Metadata.Name, Container: c)))
            .ToList();

        Assert.NotEmpty(services);
        Assert.All(services, s =>
        {
            Assert.Equal((s.Deployment, "/ready"), (s.Deployment, s.Container.ReadinessProbe?.HttpGet?.Path));
            Assert.Equal((s.Deployment, "/alive"), (s.Deployment, s.Container.LivenessProbe?.HttpGet?.Path));
            Assert.Equal((s.Deployment, "/alive"), (s.Deployment, s.Container.StartupProbe?.HttpGet?.Path));
        });
    }
}
