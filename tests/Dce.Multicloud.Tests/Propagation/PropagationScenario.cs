using Dce.Kubernetes.Resources;
using System.Net;
using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;
using Dce.Testing;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Dce.Multicloud.Tests.Propagation;

/// <summary>What the propagation tests do to the control plane and read from the members.</summary>
public sealed class PropagationScenario(KarmadaFixture fixture, string ns)
{
    public string Namespace { get; } = ns;

    public Task ApplyAsync(string yaml) => fixture.Kubectl.ApplyAsync(yaml.Replace("NS", Namespace, StringComparison.Ordinal));

    public static string Deployment(string name, int replicas, string image = "nginx:1.27", string cpu = "100m", string extraPodSpec = "") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
          namespace: NS
          labels:
            app: {{name}}
        spec:
          replicas: {{replicas}}
          selector:
            matchLabels:
              app: {{name}}
          template:
            metadata:
              labels:
                app: {{name}}
            spec:
              containers:
              - name: main
                image: {{image}}
                resources:
                  requests:
                    cpu: "{{cpu}}"
                    memory: 64Mi
        {{extraPodSpec}}
        """;

    public static string Policy(string name, string target, string placement, bool propagateDeps = false) => $$"""
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata:
          name: {{name}}
          namespace: NS
        spec:
          propagateDeps: {{(propagateDeps ? "true" : "false")}}
          resourceSelectors:
          - apiVersion: apps/v1
            kind: Deployment
            name: {{target}}
          placement:
        {{placement}}
        """;

    public async Task<V1Deployment?> MemberDeploymentAsync(string member, string name)
    {
        try
        {
            return await fixture.Member(member).AppsV1.ReadNamespacedDeploymentAsync(name, Namespace);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<Dictionary<string, int>> MemberReplicasAsync(string name)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in KarmadaFixture.Members)
        {
            if (await MemberDeploymentAsync(member, name) is { } deployment)
            {
                found[member] = deployment.Spec.Replicas ?? 1;
            }
        }

        return found;
    }

    public Task<JsonObject?> BindingAsync(string name) => fixture.Api.GetAsync(Kinds.ResourceBinding, Namespace, name, CancellationToken.None);

    public Task<JsonObject?> TemplateAsync(string name) =>
        fixture.Api.GetAsync(new ResourceKind("apps", "v1", "deployments", "Deployment"), Namespace, name, CancellationToken.None);

    /// <summary>Waits until the members run exactly <paramref name="expected"/> replicas of the deployment.</summary>
    public Task MembersRunAsync(string name, IReadOnlyDictionary<string, int> expected) =>
        Eventually.HoldsAsync(async () =>
        {
            var actual = await MemberReplicasAsync(name);
            return actual.Count == expected.Count && expected.All(pair => actual.GetValueOrDefault(pair.Key, -1) == pair.Value);
        }, async () => $"members of {Namespace}/{name}: {string.Join(", ", (await MemberReplicasAsync(name)).Select(pair => $"{pair.Key}={pair.Value}"))}; binding: {(await BindingAsync(name + "-deployment"))?.ToJsonString()}");
}
