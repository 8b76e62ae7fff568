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
            .SelectMany(d => d.Spec.Template.Spec.Containers.Where(c => c.Name == d.Metadata.Name).Select(c => (Deployment: d.Metadata.Name, Container: c)))
            .ToList();

        Assert.NotEmpty(services);
        Assert.All(services, s =>
        {
            Assert.Equal((s.Deployment, "/ready"), (s.Deployment, s.Container.ReadinessProbe?.HttpGet?.Path));
            Assert.Equal((s.Deployment, "/alive"), (s.Deployment, s.Container.LivenessProbe?.HttpGet?.Path));
            Assert.Equal((s.Deployment, "/alive"), (s.Deployment, s.Container.StartupProbe?.HttpGet?.Path));
        });
    }

    [Fact]
    public void Sidecars_are_probed_on_their_health_path_and_alertmanager_when_ready_and_healthy()
    {
        var objects = KubernetesYaml.LoadAllFromString(Kubectl.Kustomize(Path.Combine(fixture.Manifests.Directory, "base")), strict: true);
        var deployments = objects.OfType<V1Deployment>().ToList();
        var vmalert = deployments.Single(d => d.Metadata.Name == "ghippo").Spec.Template.Spec.Containers.Single(c => c.Name == "vmalert");
        var alertmanager = deployments.Single(d => d.Metadata.Name == "alertmanager").Spec.Template.Spec.Containers.Single();

        Assert.Equal(("/health", "/health"), (vmalert.ReadinessProbe?.HttpGet?.Path, vmalert.LivenessProbe?.HttpGet?.Path));
        Assert.Equal(("/-/ready", "/-/healthy"), (alertmanager.ReadinessProbe?.HttpGet?.Path, alertmanager.LivenessProbe?.HttpGet?.Path));
    }
}
