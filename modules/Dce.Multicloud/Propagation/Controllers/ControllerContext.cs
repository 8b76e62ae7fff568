using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Informers;
using Dce.Multicloud.Propagation.Members;

namespace Dce.Multicloud.Propagation.Controllers;

/// <summary>What every controller of one control plane shares: its API, caches, member clients and queues.</summary>
public sealed class ControllerContext(KubeApi api, ControlPlaneCache cache, MemberClients members, MemberInformers memberObjects, PropagationOptions options, TimeProvider time, ILogger logger)
{
    public KubeApi Api { get; } = api;

    public ControlPlaneCache Cache { get; } = cache;

    public MemberClients Members { get; } = members;

    /// <summary>The objects this engine manages in each member, watched.</summary>
    public MemberInformers MemberObjects { get; } = memberObjects;

    public PropagationOptions Options { get; } = options;

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;

    /// <summary>Templates to match with policies, keyed <c>kind/namespace/name</c>.</summary>
    public WorkQueue Detector { get; } = new();

    /// <summary>Bindings to schedule, keyed <c>namespace/name</c>.</summary>
    public WorkQueue Scheduler { get; } = new();

    /// <summary>Bindings whose Works to write, keyed <c>namespace/name</c>.</summary>
    public WorkQueue Bindings { get; } = new();

    /// <summary>Bindings whose workload's dependencies to distribute, keyed <c>namespace/name</c>.</summary>
    public WorkQueue Dependencies { get; } = new();

    /// <summary>Works to apply to their member, keyed <c>namespace/name</c>.</summary>
    public WorkQueue Execution { get; } = new();

    /// <summary>Works whose member object to check and reflect into their status, keyed <c>namespace/name</c>.</summary>
    public WorkQueue MemberStatus { get; } = new();

    /// <summary>Bindings whose status to aggregate, keyed <c>namespace/name</c>.</summary>
    public WorkQueue Status { get; } = new();

    /// <summary>Bindings to check for eviction from tainted clusters, keyed <c>namespace/name</c>.</summary>
    public WorkQueue Eviction { get; } = new();
}
