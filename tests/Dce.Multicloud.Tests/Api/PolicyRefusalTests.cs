using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dce.Multicloud.Tests.Api;

/// <summary>Policies are refused as Karmada's webhook would, with a cause per field, and a refused policy changes nothing.</summary>
[Collection(MulticloudPlatformCollection.Name)]
public sealed class PolicyRefusalTests(MulticloudPlatform platform) : IAsyncLifetime
{
    private const string Policies = $"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}/namespaces/refusals/propagationpolicies";

    public async Task InitializeAsync()
    {
        await platform.JoinMembersAsync();
        var response = await platform.Admin().PostAsJsonAsync($"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}/namespaces",
            new { data = "metadata:\n  name: refusals\n" });
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("""
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
          placement:
            replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted}
        """, "data.spec.placement.replicaScheduling.weightPreference", "needs weights")]
    [InlineData("""
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
          placement:
            clusterAffinity: {clusterNames: [member-1, cloud-nowhere]}
        """, "data.spec.placement.clusterAffinity", "cloud-nowhere is not a member cluster")]
    [InlineData("""
        spec:
          placement: {}
        """, "data.spec.resourceSelectors", "select at least one resource")]
    [InlineData("""
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
          placement:
            replicaScheduling:
              replicaSchedulingType: Divided
              weightPreference:
                staticWeightList: [{targetCluster: {clusterNames: [member-9]}, weight: 1}]
        """, "data.spec.placement.replicaScheduling.weightPreference.staticWeightList", "member-9 is not a member cluster")]
    public async Task A_policy_Karmada_would_refuse_is_refused_with_its_field(string spec, string field, string message)
    {
        var response = await platform.Admin().PostAsJsonAsync(Policies, new { data = $"apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata:\n  name: refused\n{spec}" });

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Admin().GetAsync($"{Policies}/refused")).StatusCode);
    }

    [Fact]
    public async Task Two_policies_selecting_the_same_resources_with_the_same_priority_conflict()
    {
        const string spec = "spec:\n  priority: 5\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]\n  placement: {}\n";
        (await platform.Admin().PostAsJsonAsync(Policies, new { data = $"metadata:\n  name: first\n{spec}" })).EnsureSuccessStatusCode();

        var second = await platform.Admin().PostAsJsonAsync(Policies, new { data = $"metadata:\n  name: second\n{spec}" });
        var higher = await platform.Admin().PostAsJsonAsync(Policies, new { data = $"metadata:\n  name: third\n{spec.Replace("priority: 5", "priority: 6", StringComparison.Ordinal)}" });

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("PropagationPolicy first selects the same resources with the same priority (5)", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, higher.StatusCode);
    }

    [Fact]
    public async Task An_object_of_another_kind_or_namespace_is_refused_at_a_policy_path()
    {
        var otherKind = await platform.Admin().PostAsJsonAsync(Policies, new { data = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: sneaky\n" });
        var otherNamespace = await platform.Admin().PostAsJsonAsync(Policies,
            new { data = "kind: PropagationPolicy\nmetadata:\n  name: sneaky\n  namespace: kube-system\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\n" });
        var notYaml = await platform.Admin().PostAsJsonAsync(Policies, new { data = "{ this is: [not" });

        Assert.Equal(HttpStatusCode.BadRequest, otherKind.StatusCode);
        Assert.Contains("data.apiVersion", await otherKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, otherNamespace.StatusCode);
        Assert.Contains("data.metadata.namespace", await otherNamespace.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notYaml.StatusCode);
    }

    [Fact]
    public async Task An_override_that_cannot_apply_to_the_templates_it_selects_is_refused()
    {
        var deployments = $"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}/namespaces/refusals/deployments";
        var created = await platform.Admin().PostAsJsonAsync(deployments, new { data = Manifests.Deployment("override-target", "nginx:1.25", 1) });
        Assert.True(created.IsSuccessStatusCode || created.StatusCode == HttpStatusCode.Conflict, await created.Content.ReadAsStringAsync());

        var response = await platform.Admin().PostAsJsonAsync($"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}/namespaces/refusals/overridepolicies", new
        {
            data = """
                apiVersion: policy.karmada.io/v1alpha1
                kind: OverridePolicy
                metadata: {name: broken}
                spec:
                  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: override-target}]
                  overrideRules:
                  - overriders:
                      plaintext: [{path: /spec/nothing/here, operator: replace, value: 1}]
                """,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("override-target", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
