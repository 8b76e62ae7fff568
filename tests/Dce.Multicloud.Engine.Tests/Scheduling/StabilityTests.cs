using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Tests.Scheduling;

public sealed class StabilityTests
{
    [Fact]
    public void Scaling_up_adds_the_new_replicas_by_room_and_keeps_the_old_ones()
    {
        MemberCluster[] clusters = [Clusters.Named("member1", available: 10), Clusters.Named("member2", available: 20), Clusters.Named("member3", available: 0)];

        var result = Clusters.Schedule(Clusters.DynamicWeight(), 9, clusters, new("member1", 4), new("member2", 2));

        Assert.Equal("member1=5,member2=4", result.Describe());
    }

    [Fact]
    public void Scaling_down_removes_replicas_in_proportion_to_what_each_cluster_runs()
    {
        MemberCluster[] clusters = [Clusters.Named("member1", available: 100), Clusters.Named("member2", available: 0)];

        var result = Clusters.Schedule(Clusters.DynamicWeight(), 6, clusters, new("member1", 6), new("member2", 3));

        Assert.Equal("member1=4,member2=2", result.Describe());
    }

    [Fact]
    public void The_same_replicas_keep_the_previous_assignment_when_room_changed()
    {
        MemberCluster[] clusters = [Clusters.Named("member1", available: 0), Clusters.Named("member2", available: 50)];

        var result = Clusters.Schedule(Clusters.DynamicWeight(), 5, clusters, new("member1", 3), new("member2", 2));

        Assert.Equal("member1=3,member2=2", result.Describe());
    }

    [Fact]
    public void Replicas_of_a_cluster_that_no_longer_fits_move_to_the_others()
    {
        MemberCluster[] clusters = [Clusters.Named("member1", available: 10), Clusters.Named("member2", available: 10) with { Ready = false }, Clusters.Named("member3", available: 10)];

        var result = Clusters.Schedule(Clusters.DynamicWeight(), 6, clusters, new("member1", 3), new("member2", 3));

        Assert.Equal("member1=5,member3=1", result.Describe());
    }

    [Fact]
    public void Aggregated_scale_up_fills_the_clusters_already_used_first()
    {
        MemberCluster[] clusters = [Clusters.Named("member1", available: 3), Clusters.Named("member2", available: 50)];

        var result = Clusters.Schedule(Clusters.Divided(ReplicaDivisionPreference.Aggregated), 5, clusters, new TargetCluster("member1", 2));

        Assert.Equal("member1=5", result.Describe());
    }

    [Fact]
    public void Aggregated_scale_down_keeps_the_fewest_of_the_clusters_already_used()
    {
        MemberCluster[] clusters = [Clusters.Named("member1", available: 0), Clusters.Named("member2", available: 0), Clusters.Named("member3", available: 40)];

        var result = Clusters.Schedule(Clusters.Divided(ReplicaDivisionPreference.Aggregated), 5, clusters, new("member1", 6), new("member2", 3));

        Assert.Equal("member1=5", result.Describe());
    }

    [Fact]
    public void The_result_does_not_depend_on_the_order_of_the_clusters()
    {
        MemberCluster[] clusters = [Clusters.Named("c", available: 7), Clusters.Named("a", available: 7), Clusters.Named("b", available: 7)];

        var forward = Clusters.Schedule(Clusters.DynamicWeight(), 10, clusters);
        var backward = Clusters.Schedule(Clusters.DynamicWeight(), 10, [.. clusters.Reverse()]);

        Assert.Equal("a=4,b=3,c=3", forward.Describe());
        Assert.Equal(forward.Describe(), backward.Describe());
    }
}
