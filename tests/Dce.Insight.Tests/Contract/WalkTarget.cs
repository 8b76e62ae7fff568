namespace Dce.Insight.Tests.Contract;

/// <summary>
/// What the walk reads: a cluster Insight scrapes, a namespace made for the walk with a running Deployment (its pod
/// logs and raises events), a StatefulSet and a DaemonSet, and a call between two services of that namespace sent as
/// spans; <see cref="Blank"/> checks the outsider where an answer is not one list.
/// </summary>
public sealed record WalkTarget(AlertingPlatform Fixture, Blank Blank, string Cluster, string Namespace, string Deployment, string Pod, string Caller, string Callee)
{
    public string ClusterPath => $"{InsightContract.Root}/clusters/{Cluster}";

    public string NamespacePath => $"{ClusterPath}/namespaces/{Namespace}";
}
