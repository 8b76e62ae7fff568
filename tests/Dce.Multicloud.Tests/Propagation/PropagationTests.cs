using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;
using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.Multicloud.Tests.Propagation;

[Collection(KarmadaCollection.Name)]
public sealed class PropagationTests(KarmadaFixture fixture)
{
    private const string AllMembers = """
            clusterAffinity: {clusterNames: [member-1, member-2, member-3]}
        """;

    private async Task<PropagationScenario> ScenarioAsync() => new(fixture, await fixture.NamespaceAsync());

    [Fact]
    public async Task Duplicated_deployment_runs_all_replicas_in_every_member_and_the_template_sums_their_status()
    {
        var scenario = await ScenarioAsync();
        await scenario.ApplyAsync(PropagationScenario.Policy("web", "web", AllMembers));
        await scenario.ApplyAsync(PropagationScenario.Deployment("web", 2));

        await scenario.MembersRunAsync("web", new Dictionary<string, int> { ["member-1"] = 2, ["member-2"] = 2, ["member-3"] = 2 });
        await Eventually.Until(async () =>
        {
            var members = await Task.WhenAll(KarmadaFixture.Members.Select(member => scenario.MemberDeploymentAsync(member, "web")));
            return members.All(deployment => deployment?.Status?.AvailableReplicas == 2);
        }, "every member's deployment available");
        await Eventually.Until(async () =>
        {
            var template = await scenario.TemplateAsync("web");
            return template?["status"]?["readyReplicas"]?.GetValue<int>() == 6 && template["status"]?["availableReplicas"]?.GetValue<int>() == 6
                && template!["status"]?["observedGeneration"]?.GetValue<long>() == template.Generation();
        }, "the template's status summing the members'");
        var binding = await scenario.BindingAsync("web-deployment");
        Assert.Equal("web", binding!.Label("propagationpolicy.karmada.io/name"));
        Assert.True(Conditions.IsTrue(binding!["status"] as JsonObject, "Scheduled"));
    }

    [Fact]
    public async Task Divided_static_weights_2_to_1_give_6_and_3_of_9_replicas()
    {
        var scenario = await ScenarioAsync();
        await scenario.ApplyAsync(PropagationScenario.Policy("split", "split", """
                clusterAffinity: {clusterNames: [member-1, member-2]}
                replicaScheduling:
                  replicaSchedulingType: Divided
                  replicaDivisionPreference: Weighted
                  weightPreference:
                    staticWeightList:
                    - {targetCluster: {clusterNames: [member-1]}, weight: 2}
                    - {targetCluster: {clusterNames: [member-2]}, weight: 1}
            """));
        await scenario.ApplyAsync(PropagationScenario.Deployment("split", 9));

        await scenario.MembersRunAsync("split", new Dictionary<string, int> { ["member-1"] = 6, ["member-2"] = 3 });
    }

    [Fact]
    public async Task Dynamic_weights_give_the_smaller_member_fewer_replicas()
    {
        var scenario = await ScenarioAsync();
        await scenario.ApplyAsync(PropagationScenario.Policy("dynamic", "dynamic", """
                clusterAffinity: {clusterNames: [member-1, member-3]}
                replicaScheduling:
                  replicaSchedulingType: Divided
                  replicaDivisionPreference: Weighted
                  weightPreference: {dynamicWeight: AvailableReplicas}
            """));
        await scenario.ApplyAsync(PropagationScenario.Deployment("dynamic", 8, cpu: "1"));

        await Eventually.Until(async () =>
        {
            var replicas = await scenario.MemberReplicasAsync("dynamic");
            return replicas.Values.Sum() == 8 && replicas.GetValueOrDefault("member-1") > replicas.GetValueOrDefault("member-3") && replicas.ContainsKey("member-3");
        }, "more replicas on the bigger member");
    }

    [Fact]
    public async Task Cluster_affinity_selects_members_by_label_and_by_region()
    {
        var scenario = await ScenarioAsync();
        await scenario.ApplyAsync(PropagationScenario.Policy("gold", "gold", """
                clusterAffinity: {labelSelector: {matchLabels: {tier: gold}}}
            """));
        await scenario.ApplyAsync(PropagationScenario.Policy("regional", "regional", """
                clusterAffinity:
                  fieldSelector:
                    matchExpressions: [{key: region, operator: In, values: [region-2, region-3]}]
            """));
        await scenario.ApplyAsync(PropagationScenario.Deployment("gold", 1));
        await scenario.ApplyAsync(PropagationScenario.Deployment("regional", 1));

        await scenario.MembersRunAsync("gold", new Dictionary<string, int> { ["member-1"] = 1 });
        await scenario.MembersRunAsync("regional", new Dictionary<string, int> { ["member-2"] = 1, ["member-3"] = 1 });
    }

    [Fact]
    public async Task An_image_override_per_region_shows_in_each_members_object()
    {
        var scenario = await ScenarioAsync();
        await scenario.ApplyAsync("""
            apiVersion: policy.karmada.io/v1alpha1
            kind: OverridePolicy
            metadata: {name: mirror, namespace: NS}
            spec:
              resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: shop}]
              overrideRules:
              - targetCluster: {fieldSelector: {matchExpressions: [{key: region, operator: In, values: [region-2]}]}}
                overriders:
                  imageOverrider: [{component: Registry, operator: replace, value: mirror.example.com}]
            """);
        await scenario.ApplyAsync(PropagationScenario.Policy("shop", "shop", AllMembers));
        await scenario.ApplyAsync(PropagationScenario.Deployment("shop", 1));

        await scenario.MembersRunAsync("shop", new Dictionary<string, int> { ["member-1"] = 1, ["member-2"] = 1, ["member-3"] = 1 });
        await Eventually.Until(async () => (await scenario.MemberDeploymentAsync("member-2", "shop"))?.Spec.Template.Spec.Containers[0].Image == "mirror.example.com/nginx:1.27",
            "the overridden image in member-2");
        Assert.Equal("nginx:1.27", (await scenario.MemberDeploymentAsync("member-1", "shop"))!.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("nginx:1.27", (await scenario.MemberDeploymentAsync("member-3", "shop"))!.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task A_configmap_the_deployment_uses_follows_it_with_propagateDeps()
    {
        var scenario = await ScenarioAsync();
        await scenario.ApplyAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: NS}
            data: {mode: fast}
            """);
        await scenario.ApplyAsync(PropagationScenario.Policy("app", "app", """
                clusterAffinity: {clusterNames: [member-2, member-3]}
            """, propagateDeps: true));
        await scenario.ApplyAsync(PropagationScenario.Deployment("app", 1, extraPodSpec: """
                  volumes: [{name: settings, configMap: {name: settings}}]
            """));

        await scenario.MembersRunAsync("app", new Dictionary<string, int> { ["member-2"] = 1, ["member-3"] = 1 });
        await Eventually.Until(async () =>
        {
            var present = new List<string>();
            foreach (var member in KarmadaFixture.Members)
            {
                var list = await fixture.Member(member).CoreV1.ListNamespacedConfigMapAsync(scenario.Namespace);
                if (list.Items.Any(map => map.Metadata.Name == "settings"))
                {
                    present.Add(member);
                }
            }

            return present.SequenceEqual(["member-2", "member-3"]);
        }, "the ConfigMap in member-2 and member-3 only");
        var binding = await scenario.BindingAsync("settings-configmap");
        Assert.Equal("app-deployment", binding!["spec"]!["requiredBy"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_the_policy_moves_the_workload_off_the_old_cluster()
    {
        var scenario = await ScenarioAsync();
        await scenario.ApplyAsync(PropagationScenario.Policy("mover", "mover", """
                clusterAffinity: {clusterNames: [member-1]}
            """));
        await scenario.ApplyAsync(PropagationScenario.Deployment("mover", 1));
        await scenario.MembersRunAsync("mover", new Dictionary<string, int> { ["member-1"] = 1 });

        await scenario.ApplyAsync(PropagationScenario.Policy("mover", "mover", """
                clusterAffinity: {clusterNames: [member-2]}
            """));

        await scenario.MembersRunAsync("mover", new Dictionary<string, int> { ["member-2"] = 1 });
    }

    [Fact]
    public async Task Deleting_the_template_removes_the_member_objects_and_the_binding()
    {
        var scenario = await ScenarioAsync();
        await scenario.ApplyAsync(PropagationScenario.Policy("gone", "gone", AllMembers));
        await scenario.ApplyAsync(PropagationScenario.Deployment("gone", 1));
        await scenario.MembersRunAsync("gone", new Dictionary<string, int> { ["member-1"] = 1, ["member-2"] = 1, ["member-3"] = 1 });

        await fixture.Kubectl.OkAsync("delete", "deployment", "gone", "-n", scenario.Namespace);

        await scenario.MembersRunAsync("gone", new Dictionary<string, int>());
        await Eventually.Until(async () => await scenario.BindingAsync("gone-deployment") is null, "the binding deleted");
    }

    [Fact]
    public async Task An_override_that_cannot_apply_leaves_the_members_untouched_and_says_why_in_the_binding()
    {
        var scenario = await ScenarioAsync();
        await scenario.ApplyAsync(PropagationScenario.Policy("stable", "stable", """
                clusterAffinity: {clusterNames: [member-1]}
            """));
        await scenario.ApplyAsync(PropagationScenario.Deployment("stable", 1));
        await scenario.MembersRunAsync("stable", new Dictionary<string, int> { ["member-1"] = 1 });

        await scenario.ApplyAsync("""
            apiVersion: policy.karmada.io/v1alpha1
            kind: OverridePolicy
            metadata: {name: broken, namespace: NS}
            spec:
              resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: stable}]
              overrideRules:
              - overriders:
                  plaintext: [{path: /spec/missing/field, operator: replace, value: 1}]
            """);
        await scenario.ApplyAsync(PropagationScenario.Deployment("stable", 1, image: "nginx:1.28"));

        await Eventually.Until(async () =>
        {
            var condition = Conditions.Find((await scenario.BindingAsync("stable-deployment"))?["status"] as JsonObject, "FullyApplied");
            return condition?["reason"]?.GetValue<string>() == "OverrideFailed" && condition["message"]!.GetValue<string>().Contains("broken", StringComparison.Ordinal);
        }, "the binding naming the override that fails");
        Assert.Equal("nginx:1.27", (await scenario.MemberDeploymentAsync("member-1", "stable"))!.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Kubectl_lists_policies_bindings_and_works_of_the_control_plane()
    {
        var scenario = await ScenarioAsync();
        await scenario.ApplyAsync(PropagationScenario.Policy("listed", "listed", AllMembers));
        await scenario.ApplyAsync(PropagationScenario.Deployment("listed", 1));
        await scenario.MembersRunAsync("listed", new Dictionary<string, int> { ["member-1"] = 1, ["member-2"] = 1, ["member-3"] = 1 });

        var output = await fixture.Kubectl.OkAsync("get", "propagationpolicies,resourcebindings,works", "-A");

        Assert.Contains("listed-deployment", output, StringComparison.Ordinal);
        Assert.Contains("karmada-es-member-3", output, StringComparison.Ordinal);
        Assert.Contains("propagationpolicy.policy.karmada.io/listed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_object_changed_or_deleted_in_the_member_is_put_back()
    {
        var scenario = await ScenarioAsync();
        await scenario.ApplyAsync(PropagationScenario.Policy("drift", "drift", "    clusterAffinity: {clusterNames: [member-1]}"));
        await scenario.ApplyAsync(PropagationScenario.Deployment("drift", 2));
        await scenario.MembersRunAsync("drift", new Dictionary<string, int> { ["member-1"] = 2 });
        var member = fixture.Member("member-1");

        await member.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), "drift", scenario.Namespace);
        await scenario.MembersRunAsync("drift", new Dictionary<string, int> { ["member-1"] = 2 });
        await member.AppsV1.DeleteNamespacedDeploymentAsync("drift", scenario.Namespace);

        await Eventually.Until(async () => (await scenario.MemberDeploymentAsync("member-1", "drift"))?.Spec.Replicas == 2, "the deleted deployment created again");
    }

    [Fact]
    public async Task Templates_written_after_the_watch_history_expired_still_propagate()
    {
        var scenario = await ScenarioAsync();
        await scenario.ApplyAsync(PropagationScenario.Policy("relisted", "relisted", "    clusterAffinity: {clusterNames: [member-2]}"));

        await fixture.Clusters.CompactAsync(KarmadaFixture.ControlPlane);
        await fixture.Clusters.RestartWatchesAsync(KarmadaFixture.ControlPlane);
        await scenario.ApplyAsync(PropagationScenario.Deployment("relisted", 1));

        await scenario.MembersRunAsync("relisted", new Dictionary<string, int> { ["member-2"] = 1 });
    }
}
