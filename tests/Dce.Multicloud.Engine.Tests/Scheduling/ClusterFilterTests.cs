using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Tests.Scheduling;

public sealed class ClusterFilterTests
{
    private static readonly Taint GpuOnly = new() { Key = "dedicated", Value = "gpu", Effect = TaintEffect.NoSchedule };

    [Fact]
    public void A_cluster_with_an_untolerated_taint_is_filtered_with_the_taint_named()
    {
        MemberCluster[] clusters = [Clusters.Named("member1") with { Taints = [GpuOnly] }, Clusters.Named("member2")];

        var result = Clusters.Schedule(new Placement(), 1, clusters);

        Assert.Equal("member2=1", result.Describe());
        var filtered = Assert.Single(result.FilteredClusters);
        Assert.Equal("member1", filtered.Name);
        Assert.Contains("dedicated=gpu:NoSchedule", filtered.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dedicated", TolerationOperator.Equal, "gpu", true)]
    [InlineData("dedicated", TolerationOperator.Equal, "cpu", false)]
    [InlineData("dedicated", TolerationOperator.Exists, null, true)]
    [InlineData("", TolerationOperator.Exists, null, true)]
    [InlineData("other", TolerationOperator.Exists, null, false)]
    public void A_toleration_lets_a_tainted_cluster_in_when_it_matches(string key, TolerationOperator op, string? value, bool tolerated)
    {
        var placement = new Placement { ClusterTolerations = [new Toleration { Key = key, Operator = op, Value = value, Effect = TaintEffect.NoSchedule }] };

        var result = Clusters.Schedule(placement, 1, [Clusters.Named("member1") with { Taints = [GpuOnly] }]);

        Assert.Equal(tolerated, result.Succeeded);
    }

    [Fact]
    public void A_toleration_for_another_effect_does_not_help_and_prefer_no_schedule_filters_nothing()
    {
        var placement = new Placement { ClusterTolerations = [new Toleration { Key = "dedicated", Operator = TolerationOperator.Exists, Effect = TaintEffect.NoExecute }] };
        MemberCluster[] clusters =
        [
            Clusters.Named("member1") with { Taints = [GpuOnly] },
            Clusters.Named("member2") with { Taints = [GpuOnly with { Effect = TaintEffect.PreferNoSchedule }] },
        ];

        var result = Clusters.Schedule(placement, 1, clusters);

        Assert.Equal("member2=1", result.Describe());
    }

    [Fact]
    public void A_cluster_already_running_the_workload_keeps_it_after_being_tainted()
    {
        MemberCluster[] clusters = [Clusters.Named("member1") with { Taints = [GpuOnly] }, Clusters.Named("member2")];

        var result = Clusters.Schedule(new Placement(), 2, clusters, new TargetCluster("member1", 2));

        Assert.Equal("member1=2,member2=2", result.Describe());
    }

    [Fact]
    public void All_clusters_not_ready_fails_and_says_why_for_each()
    {
        MemberCluster[] clusters = [Clusters.Named("member1") with { Ready = false }, Clusters.Named("member2") with { Ready = false }];

        var result = Clusters.Schedule(Clusters.DynamicWeight(), 3, clusters);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Targets);
        Assert.Equal("0/2 clusters fit the placement (member1: cluster is not ready; member2: cluster is not ready)", result.FailureReason);
        Assert.Equal(["member1", "member2"], result.FilteredClusters.Select(cluster => cluster.Name));
    }

    [Fact]
    public void Cluster_affinity_filters_by_names_exclusion_labels_and_fields()
    {
        MemberCluster[] clusters =
        [
            Clusters.Named("member1", region: "cn-north", provider: "huawei").WithLabels(("env", "prod")),
            Clusters.Named("member2", region: "us-west", provider: "aws").WithLabels(("env", "prod")),
            Clusters.Named("member3", region: "cn-south", provider: "huawei").WithLabels(("env", "dev")),
            Clusters.Named("member4", region: "cn-east", provider: "huawei").WithLabels(("env", "prod")),
        ];
        var placement = new Placement
        {
            ClusterAffinity = new ClusterAffinity
            {
                LabelSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["env"] = "prod" } },
                FieldSelector = new FieldSelector { MatchExpressions = [new FieldSelectorRequirement { Key = "provider", Operator = SelectorOperator.In, Values = ["huawei"] }] },
                Exclude = ["member4"],
            },
        };

        var result = Clusters.Schedule(placement, 1, clusters);

        Assert.Equal("member1=1", result.Describe());
        Assert.Equal(
            ["member2: field 'provider' does not match the cluster affinity's fieldSelector", "member3: labels do not match the cluster affinity's labelSelector", "member4: excluded by the placement's cluster affinity"],
            result.FilteredClusters.Select(cluster => $"{cluster.Name}: {cluster.Reason}"));
    }

    [Fact]
    public void A_zone_field_selector_matches_any_of_a_clusters_zones()
    {
        MemberCluster[] clusters = [Clusters.Named("member1", zone: "az-1") with { Zones = ["az-2"] }, Clusters.Named("member2", zone: "az-3")];
        var placement = new Placement
        {
            ClusterAffinity = new ClusterAffinity { FieldSelector = new FieldSelector { MatchExpressions = [new FieldSelectorRequirement { Key = "zone", Operator = SelectorOperator.In, Values = ["az-2"] }] } },
        };

        var result = Clusters.Schedule(placement, 1, clusters);

        Assert.Equal("member1=1", result.Describe());
    }
}
