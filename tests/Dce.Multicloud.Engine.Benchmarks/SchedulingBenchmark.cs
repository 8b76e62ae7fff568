using BenchmarkDotNet.Attributes;
using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Scheduling;

namespace Dce.Multicloud.Engine.Benchmarks;

/// <summary>One scheduling decision of a Divided workload over 10 or 100 member clusters.</summary>
[MemoryDiagnoser]
public class SchedulingBenchmark
{
    private SchedulingRequest staticWeights = new();
    private SchedulingRequest dynamicWeights = new();

    [Params(10, 100)]
    public int Clusters { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var clusters = Enumerable.Range(0, Clusters)
            .Select(index => new MemberCluster
            {
                Name = $"member{index:D3}",
                Region = $"region-{index % 5}",
                Provider = index % 2 == 0 ? "huawei" : "aws",
                Labels = new Dictionary<string, string> { ["env"] = index % 3 == 0 ? "dev" : "prod" },
                Taints = index % 10 == 9 ? [new Taint { Key = "maintenance", Effect = TaintEffect.NoSchedule }] : [],
                AvailableReplicas = 20 + (index * 7 % 50),
            })
            .ToList();
        var weights = new ClusterPreferences
        {
            StaticWeightList =
            [
                new StaticClusterWeight { TargetCluster = new ClusterAffinity { LabelSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["env"] = "prod" } } }, Weight = 2 },
                new StaticClusterWeight { TargetCluster = new ClusterAffinity { FieldSelector = new FieldSelector { MatchExpressions = [new FieldSelectorRequirement { Key = "provider", Operator = SelectorOperator.In, Values = ["aws"] }] } }, Weight = 3 },
            ],
        };
        staticWeights = Request(clusters, weights);
        dynamicWeights = Request(clusters, new ClusterPreferences { DynamicWeight = DynamicWeightFactor.AvailableReplicas });
    }

    [Benchmark]
    public SchedulingResult StaticWeight() => Scheduler.Schedule(staticWeights);

    [Benchmark]
    public SchedulingResult DynamicWeight() => Scheduler.Schedule(dynamicWeights);

    private static SchedulingRequest Request(IReadOnlyList<MemberCluster> clusters, ClusterPreferences weights) => new()
    {
        Replicas = 500,
        Clusters = clusters,
        Placement = new Placement
        {
            ClusterAffinity = new ClusterAffinity { Exclude = ["member001"] },
            ReplicaScheduling = new ReplicaSchedulingStrategy
            {
                ReplicaSchedulingType = ReplicaSchedulingType.Divided,
                ReplicaDivisionPreference = ReplicaDivisionPreference.Weighted,
                WeightPreference = weights,
            },
        },
    };
}
