using System.Text.Json;
using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Scheduling;

namespace Dce.Multicloud.Engine.Tests.Model;

public sealed class KarmadaObjectsTests
{
    // Written after the examples in Karmada's documentation (resource propagating, cluster affinity, spread constraints).
    private const string PropagationPolicyYaml = """
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata:
          name: nginx-propagation
          namespace: default
        spec:
          priority: 10
          propagateDeps: true
          resourceSelectors:
            - apiVersion: apps/v1
              kind: Deployment
              name: nginx
            - apiVersion: apps/v1
              kind: Deployment
              labelSelector:
                matchExpressions:
                  - key: app
                    operator: In
                    values: [nginx, web]
          placement:
            clusterAffinity:
              clusterNames: [member1, member2, member3]
              exclude: [member4]
              fieldSelector:
                matchExpressions:
                  - key: region
                    operator: NotIn
                    values: [cn-south-1]
            clusterTolerations:
              - key: cluster.karmada.io/not-ready
                operator: Exists
                effect: NoExecute
                tolerationSeconds: 300
            spreadConstraints:
              - spreadByField: region
                maxGroups: 2
                minGroups: 1
              - spreadByField: cluster
                maxGroups: 3
                minGroups: 2
            replicaScheduling:
              replicaSchedulingType: Divided
              replicaDivisionPreference: Weighted
              weightPreference:
                staticWeightList:
                  - targetCluster:
                      clusterNames: [member1]
                    weight: 2
                  - targetCluster:
                      labelSelector:
                        matchLabels:
                          env: prod
                    weight: 1
          failover:
            application:
              decisionConditions:
                tolerationSeconds: 120
              purgeMode: Gracefully
              gracePeriodSeconds: 600
        """;

    [Fact]
    public void A_karmada_propagation_policy_reads_into_the_models()
    {
        var json = YamlToJson.Convert(PropagationPolicyYaml);

        var policy = json.Deserialize<PropagationPolicy>(KarmadaJson.Options)!;

        Assert.Equal(("nginx-propagation", "default", 10, true), (policy.Metadata.Name, policy.Metadata.Namespace, policy.Spec.Priority, policy.Spec.PropagateDeps));
        Assert.Equal("nginx", policy.Spec.ResourceSelectors[0].Name);
        var expression = Assert.Single(policy.Spec.ResourceSelectors[1].LabelSelector!.MatchExpressions);
        Assert.Equal(("app", SelectorOperator.In, "nginx,web"), (expression.Key, expression.Operator, string.Join(",", expression.Values)));
        var placement = policy.Spec.Placement;
        Assert.Equal(["member1", "member2", "member3"], placement.ClusterAffinity!.ClusterNames);
        Assert.Equal(["member4"], placement.ClusterAffinity.Exclude);
        Assert.Equal(SelectorOperator.NotIn, placement.ClusterAffinity.FieldSelector!.MatchExpressions[0].Operator);
        Assert.Equal((TolerationOperator.Exists, TaintEffect.NoExecute, 300L), (placement.ClusterTolerations[0].Operator, placement.ClusterTolerations[0].Effect, placement.ClusterTolerations[0].TolerationSeconds));
        Assert.Equal([(SpreadByField.Region, 1, 2), (SpreadByField.Cluster, 2, 3)], placement.SpreadConstraints.Select(constraint => (constraint.SpreadByField!.Value, constraint.MinGroups, constraint.MaxGroups)));
        Assert.Equal((ReplicaSchedulingType.Divided, ReplicaDivisionPreference.Weighted), (placement.ReplicaScheduling!.ReplicaSchedulingType, placement.ReplicaScheduling.ReplicaDivisionPreference));
        Assert.Equal([2L, 1L], placement.ReplicaScheduling.WeightPreference!.StaticWeightList.Select(weight => weight.Weight));
        Assert.Equal("prod", placement.ReplicaScheduling.WeightPreference.StaticWeightList[1].TargetCluster.LabelSelector!.MatchLabels["env"]);
        Assert.Equal((120, PurgeMode.Gracefully, 600), (policy.Spec.Failover!.Application!.DecisionConditions.TolerationSeconds, policy.Spec.Failover.Application.PurgeMode, policy.Spec.Failover.Application.GracePeriodSeconds));
    }

    [Fact]
    public void The_read_policy_schedules_as_its_weights_say()
    {
        var policy = YamlToJson.Convert(PropagationPolicyYaml).Deserialize<PropagationPolicy>(KarmadaJson.Options)!;
        MemberCluster[] clusters = [Clusters.Named("member1"), Clusters.Named("member2").WithLabels(("env", "prod")), Clusters.Named("member3"), Clusters.Named("member4")];

        var result = Scheduler.Schedule(new SchedulingRequest { Placement = policy.Spec.Placement, Replicas = 9, Clusters = clusters });

        Assert.Equal("member1=6,member2=3", result.Describe());
    }

    [Fact]
    public void An_override_policy_reads_with_karmadas_operator_and_component_names()
    {
        var json = YamlToJson.Convert("""
            apiVersion: policy.karmada.io/v1alpha1
            kind: OverridePolicy
            metadata:
              name: nginx-override
              namespace: default
            spec:
              resourceSelectors:
                - apiVersion: apps/v1
                  kind: Deployment
                  name: nginx
              overrideRules:
                - targetCluster:
                    clusterNames: [member1]
                  overriders:
                    imageOverrider:
                      - component: Registry
                        operator: replace
                        value: registry.cn.example.com
                    argsOverrider:
                      - containerName: nginx
                        operator: add
                        value: [--debug]
                    plaintext:
                      - path: /spec/replicas
                        operator: replace
                        value: 2
            """);

        var policy = json.Deserialize<OverridePolicy>(KarmadaJson.Options)!;

        var overriders = Assert.Single(policy.Spec.OverrideRules).Overriders;
        Assert.Equal((ImageComponent.Registry, OverriderOperator.Replace, "registry.cn.example.com"), (overriders.ImageOverrider[0].Component, overriders.ImageOverrider[0].Operator, overriders.ImageOverrider[0].Value));
        Assert.Equal(["--debug"], overriders.ArgsOverrider[0].Value);
        Assert.Equal("2", overriders.Plaintext[0].Value!.ToJsonString());
    }

    [Fact]
    public void A_karmada_cluster_becomes_a_member_cluster_view()
    {
        var json = YamlToJson.Convert("""
            apiVersion: cluster.karmada.io/v1alpha1
            kind: Cluster
            metadata:
              name: member1
              labels: { env: prod }
            spec:
              provider: huawei
              region: cn-north-4
              zones: [cn-north-4a, cn-north-4b]
              taints:
                - key: maintenance
                  value: "true"
                  effect: NoSchedule
                  timeAdded: "2026-11-30T10:00:00Z"
            status:
              conditions:
                - type: Ready
                  status: "True"
            """);

        var cluster = MemberCluster.FromCluster(json.Deserialize<Cluster>(KarmadaJson.Options)!, availableReplicas: 7);

        Assert.Equal(("member1", "huawei", "cn-north-4", true, 7), (cluster.Name, cluster.Provider, cluster.Region, cluster.Ready, cluster.AvailableReplicas));
        Assert.Equal(["cn-north-4a", "cn-north-4b"], cluster.AllZones);
        Assert.Equal("maintenance=true:NoSchedule", Assert.Single(cluster.Taints).ToString());
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), cluster.Taints[0].TimeAdded);
    }

    [Fact]
    public void The_models_write_karmadas_field_names_and_values()
    {
        var placement = new Placement
        {
            ClusterAffinity = new ClusterAffinity { Exclude = ["member4"] },
            SpreadConstraints = [new SpreadConstraint { SpreadByField = SpreadByField.Region, MinGroups = 1 }],
            ReplicaScheduling = new ReplicaSchedulingStrategy { ReplicaSchedulingType = ReplicaSchedulingType.Divided, WeightPreference = new ClusterPreferences { DynamicWeight = DynamicWeightFactor.AvailableReplicas } },
        };

        var json = JsonSerializer.Serialize(placement, KarmadaJson.Options);

        Assert.Contains("\"exclude\":[\"member4\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"spreadByField\":\"region\"", json, StringComparison.Ordinal);
        Assert.Contains("\"replicaSchedulingType\":\"Divided\"", json, StringComparison.Ordinal);
        Assert.Contains("\"dynamicWeight\":\"AvailableReplicas\"", json, StringComparison.Ordinal);
    }
}
