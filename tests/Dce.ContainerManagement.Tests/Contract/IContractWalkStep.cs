using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract;

/// <summary>
/// One part of the contract walk (a kind or a family of operations). Every implementation in this assembly is run,
/// in <see cref="Order"/>, against one cluster and one namespace made for the walk.
/// </summary>
public interface IContractWalkStep
{
    /// <summary>Lower runs first; steps that need objects of other steps run after them.</summary>
    int Order { get; }

    Task RunAsync(ContractWalk walk, WalkTarget target);
}

/// <summary>What a step walks against: the cluster, a namespace made for the walk, and the platform for setup.</summary>
public sealed record WalkTarget(string Cluster, string Namespace, PlatformFixture Fixture)
{
    public string ClusterPath => $"{KpandaContract.Root}/clusters/{Cluster}";

    public string NamespacePath => $"{ClusterPath}/namespaces/{Namespace}";
}
