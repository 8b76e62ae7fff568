using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Tests.Scheduling;

public sealed class SpreadConstraintTests
{
    private static readonly MemberCluster[] ThreeRegions =
    [
        Clusters.Named("east-1", available: 10, region: "east"),
        Clusters.Named("east-2", available: 5, region: "east"),
        Clusters.Named("west-1", available: 30, region: "west"),
        Clusters.Named("north-1", available: 1, region: "north"),
    ];

    private static Placement SpreadByRegion(Placement placement, int minGroups, int maxGroups, int clusterMin = 1, int clusterMax = 0) => placement with
    {
        SpreadConstraints =
        [
            new SpreadConstraint { SpreadByField = SpreadByField.Region, MinGroups = minGroups, MaxGroups = maxGroups },
            new SpreadConstraint { SpreadByField = SpreadByField.Cluster, MinGroups = clusterMin, MaxGroups = clusterMax },
        ],
    };

    [Fact]
    public void Spread_by_region_takes_the_regions_with_the_most_room()
    {
        var placement = SpreadByRegion(new Placement(), minGroups: 2, maxGroups: 2, clusterMin: 2, clusterMax: 2);

        var result = Clusters.Schedule(placement, 3, ThreeRegions);

        Assert.Equal("east-1=3,west-1=3", result.Describe());
    }

    [Fact]
    public void Spread_by_region_adds_clusters_of_the_chosen_regions_up_to_the_cluster_maximum()
    {
        var placement = SpreadByRegion(Clusters.DynamicWeight(), minGroups: 2, maxGroups: 3, clusterMin: 1, clusterMax: 3);

        var result = Clusters.Schedule(placement, 9, ThreeRegions);

        Assert.Equal("east-1=2,east-2=1,west-1=6", result.Describe());
    }

    [Fact]
    public void Spread_by_region_takes_more_regions_when_the_cluster_minimum_needs_them()
    {
        var placement = SpreadByRegion(new Placement(), minGroups: 1, maxGroups: 3, clusterMin: 3, clusterMax: 3);
        MemberCluster[] oneClusterPerRegion = [.. ThreeRegions.Where(cluster => cluster.Name != "east-2")];

        var result = Clusters.Schedule(placement, 1, oneClusterPerRegion);

        Assert.Equal("east-1=1,north-1=1,west-1=1", result.Describe());
    }

    [Fact]
    public void Spread_by_region_fails_with_fewer_regions_than_min_groups()
    {
        var placement = SpreadByRegion(new Placement(), minGroups: 4, maxGroups: 4);

        var result = Clusters.Schedule(placement, 1, ThreeRegions);

        Assert.False(result.Succeeded);
        Assert.Equal("3 region groups have a fitting cluster, fewer than the spread constraint's minGroups 4", result.FailureReason);
    }

    [Fact]
    public void Spread_by_cluster_takes_at_most_max_groups_clusters_with_the_most_room()
    {
        var placement = Clusters.DynamicWeight() with { SpreadConstraints = [new SpreadConstraint { SpreadByField = SpreadByField.Cluster, MinGroups = 1, MaxGroups = 2 }] };

        var result = Clusters.Schedule(placement, 8, ThreeRegions);

        Assert.Equal("east-1=2,west-1=6", result.Describe());
    }

    [Fact]
    public void Spread_by_cluster_fails_with_fewer_clusters_than_min_groups()
    {
        var placement = new Placement { SpreadConstraints = [new SpreadConstraint { MinGroups = 5 }] };

        var result = Clusters.Schedule(placement, 1, ThreeRegions);

        Assert.Equal("4 clusters fit, fewer than the cluster spread constraint's minGroups 5", result.FailureReason);
    }

    [Fact]
    public void Spread_by_label_groups_clusters_by_that_label()
    {
        MemberCluster[] clusters =
        [
            Clusters.Named("a", available: 4).WithLabels(("rack", "r1")),
            Clusters.Named("b", available: 9).WithLabels(("rack", "r1")),
            Clusters.Named("c", available: 2).WithLabels(("rack", "r2")),
        ];
        var placement = new Placement
        {
            SpreadConstraints = [new SpreadConstraint { SpreadByLabel = "rack", MinGroups = 2, MaxGroups = 2 }, new SpreadConstraint { SpreadByField = SpreadByField.Cluster, MinGroups = 2, MaxGroups = 2 }],
        };

        var result = Clusters.Schedule(placement, 1, clusters);

        Assert.Equal("b=1,c=1", result.Describe());
    }
}
