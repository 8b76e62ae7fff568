using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Scheduling;

namespace Dce.Multicloud.Engine.Tests.Scheduling;

public sealed class SchedulingRequestTests
{
    [Fact]
    public void Negative_replicas_are_refused()
    {
        var request = new SchedulingRequest { Replicas = -1, Clusters = [Clusters.Named("member1")] };

        Assert.Throws<ArgumentOutOfRangeException>(() => Scheduler.Schedule(request));
    }

    [Fact]
    public void A_cluster_listed_twice_is_refused_with_its_name()
    {
        var request = new SchedulingRequest { Replicas = 1, Clusters = [Clusters.Named("member1"), Clusters.Named("member1")] };

        var error = Assert.Throws<ArgumentException>(() => Scheduler.Schedule(request));

        Assert.StartsWith("Member cluster 'member1' is listed twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_clusters_at_all_fails_saying_so()
    {
        var result = Scheduler.Schedule(new SchedulingRequest { Replicas = 1, Placement = new Placement() });

        Assert.Equal("0/0 clusters fit the placement", result.FailureReason);
    }
}
