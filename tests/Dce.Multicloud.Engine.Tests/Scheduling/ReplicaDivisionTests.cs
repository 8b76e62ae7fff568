using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Tests.Scheduling;

public sealed class ReplicaDivisionTests
{
    private static readonly MemberCluster[] Three = [Clusters.Named("member1"), Clusters.Named("member2"), Clusters.Named("member3")];

    [Fact]
    public void Duplicated_gives_every_cluster_all_replicas()
    {
        var placement = new Placement { ReplicaScheduling = new ReplicaSchedulingStrategy { ReplicaSchedulingType = ReplicaSchedulingType.Duplicated } };

        var result = Clusters.Schedule(placement, 4, Three);

        Assert.Equal("member1=4,member2=4,member3=4", result.Describe());
    }

    [Fact]
    public void A_placement_without_replica_scheduling_is_duplicated()
    {
        var result = Clusters.Schedule(new Placement(), 2, Three);

        Assert.Equal("member1=2,member2=2,member3=2", result.Describe());
    }

    [Fact]
    public void Static_weights_two_to_one_divide_nine_replicas_into_six_and_three()
    {
        var placement = Clusters.StaticWeights(Clusters.Weight(2, "member1"), Clusters.Weight(1, "member2"));

        var result = Clusters.Schedule(placement, 9, Three);

        Assert.Equal("member1=6,member2=3", result.Describe());
    }

    [Fact]
    public void The_remainder_goes_to_the_heaviest_clusters_then_by_name()
    {
        var equal = Clusters.Schedule(Clusters.StaticWeights(Clusters.Weight(1, "member1", "member2", "member3")), 10, Three);
        var heavier = Clusters.Schedule(Clusters.StaticWeights(Clusters.Weight(1, "member1"), Clusters.Weight(3, "member2")), 9, Three);

        Assert.Equal("member1=4,member2=3,member3=3", equal.Describe());
        Assert.Equal("member1=2,member2=7", heavier.Describe());
    }

    [Fact]
    public void A_cluster_takes_the_highest_weight_of_the_entries_that_match_it()
    {
        var placement = Clusters.StaticWeights(Clusters.Weight(1, "member1", "member2"), Clusters.Weight(3, "member1"));

        var result = Clusters.Schedule(placement, 8, Three);

        Assert.Equal("member1=6,member2=2", result.Describe());
    }

    [Fact]
    public void When_no_cluster_has_a_weight_every_cluster_weighs_the_same()
    {
        var zero = Clusters.Schedule(Clusters.StaticWeights(Clusters.Weight(0, "member1"), Clusters.Weight(0, "member2")), 6, Three);
        var noWeights = Clusters.Schedule(Clusters.Divided(ReplicaDivisionPreference.Weighted), 6, Three);

        Assert.Equal("member1=2,member2=2,member3=2", zero.Describe());
        Assert.Equal("member1=2,member2=2,member3=2", noWeights.Describe());
    }

    [Fact]
    public void Dynamic_weights_follow_the_available_replicas()
    {
        MemberCluster[] clusters = [Clusters.Named("member1", available: 30), Clusters.Named("member2", available: 10), Clusters.Named("member3", available: 0)];

        var result = Clusters.Schedule(Clusters.DynamicWeight(), 10, clusters);

        Assert.Equal("member1=8,member2=2", result.Describe());
    }

    [Fact]
    public void Dynamic_weights_fail_when_the_clusters_have_too_little_room()
    {
        MemberCluster[] clusters = [Clusters.Named("member1", available: 3), Clusters.Named("member2", available: 2)];

        var result = Clusters.Schedule(Clusters.DynamicWeight(), 6, clusters);

        Assert.False(result.Succeeded);
        Assert.Contains("room for 5 more replicas, 6 are needed", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregated_uses_the_fewest_clusters_with_the_most_room()
    {
        MemberCluster[] clusters = [Clusters.Named("member1", available: 5), Clusters.Named("member2", available: 10), Clusters.Named("member3", available: 2)];
        var placement = Clusters.Divided(ReplicaDivisionPreference.Aggregated);

        var fits = Clusters.Schedule(placement, 8, clusters);
        var overflows = Clusters.Schedule(placement, 12, clusters);

        Assert.Equal("member2=8", fits.Describe());
        Assert.Equal("member1=4,member2=8", overflows.Describe());
    }

    [Fact]
    public void Aggregated_never_gives_a_cluster_more_than_its_room()
    {
        MemberCluster[] clusters = [Clusters.Named("member1", available: 5), Clusters.Named("member2", available: 10)];

        var result = Clusters.Schedule(Clusters.Divided(ReplicaDivisionPreference.Aggregated), 15, clusters);

        Assert.Equal("member1=5,member2=10", result.Describe());
    }

    [Fact]
    public void Zero_replicas_put_the_resource_on_every_selected_cluster()
    {
        var result = Clusters.Schedule(Clusters.StaticWeights(Clusters.Weight(2, "member1")), 0, Three);

        Assert.Equal("member1=0,member2=0,member3=0", result.Describe());
    }

    [Fact]
    public void An_unknown_estimate_reads_as_room_for_every_replica()
    {
        MemberCluster[] clusters = [Clusters.Named("member1"), Clusters.Named("member2", available: 2)];

        var result = Clusters.Schedule(Clusters.Divided(ReplicaDivisionPreference.Aggregated), 5, clusters);

        Assert.Equal("member1=5", result.Describe());
    }
}
