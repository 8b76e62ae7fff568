using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// Changes to a workload at DCE's paths, answered in DCE's shapes: patch (<c>{data}</c>), delete (<c>{}</c>), and the
/// actions restart, pause, resume, rollback, start and stop, each answering the workload as it is afterwards
/// (<c>{"deployment": ...}</c>). Every change raises <see cref="Dce.Platform.Contracts.IntegrationEvents.WorkloadChanged"/>.
/// </summary>
internal static class WorkloadChanges
{
    public static async Task<IResult> PatchAsync(ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, HttpRequest request,
        MutationRecord record, CancellationToken cancellationToken)
    {
        var (patch, format, problem) = await WorkloadPatchBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var patched = await ResourceClient.PatchAsync(client, served.Kind.Info().Resource, @namespace, name, patch!, format, cancellationToken);
        WorkloadsApi.Changed(record, served.Kind, cluster.Name, @namespace, name, "patched");
        return DceJson.Ok(new JsonObject { ["data"] = patched.ToJsonString() });
    }

    public static async Task<IResult> DeleteAsync(ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, MutationRecord record,
        CancellationToken cancellationToken)
    {
        await WorkloadOperations.DeleteAsync(await cluster.ClientAsync(cancellationToken), served.Kind, @namespace, name, cancellationToken: cancellationToken);
        WorkloadsApi.Changed(record, served.Kind, cluster.Name, @namespace, name, "deleted");
        return DceJson.Empty();
    }

    public static Task<IResult> RestartAsync(ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, MutationRecord record,
        CancellationToken cancellationToken) =>
        ActAsync(served.Kind, "restarted", cluster, @namespace, name, record,
            client => WorkloadActions.RestartAsync(client, served.Kind, @namespace, name, cancellationToken: cancellationToken), cancellationToken);

    /// <summary>DCE's body for restarting a Job: optionally the version of the Job the caller saw.</summary>
    public static async Task<IResult> RestartJobAsync([AsParameters] TargetCluster cluster, string @namespace, string name, HttpRequest request, MutationRecord record,
        CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var body = await request.ReadFromJsonAsync<JobRestartRequest>(cancellationToken);
            resourceVersion = body?.ResourceVersion;
        }

        return await ActAsync(WorkloadKind.Job, "restarted", cluster, @namespace, name, record,
            client => JobRestart.RestartAsync(client, @namespace, name, resourceVersion, cancellationToken), cancellationToken);
    }

    public static Task<IResult> PauseAsync(ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, MutationRecord record,
        CancellationToken cancellationToken) =>
        ActAsync(served.Kind, "paused", cluster, @namespace, name, record,
            client => WorkloadActions.PauseAsync(client, served.Kind, @namespace, name, cancellationToken), cancellationToken);

    public static Task<IResult> ResumeAsync(ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, MutationRecord record,
        CancellationToken cancellationToken) =>
        ActAsync(served.Kind, "resumed", cluster, @namespace, name, record,
            client => WorkloadActions.ResumeAsync(client, served.Kind, @namespace, name, cancellationToken), cancellationToken);

    public static Task<IResult> StopAsync(ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, MutationRecord record,
        CancellationToken cancellationToken) =>
        ActAsync(served.Kind, "stopped", cluster, @namespace, name, record,
            client => WorkloadStopStart.StopAsync(client, served.Kind, @namespace, name, cancellationToken), cancellationToken);

    public static Task<IResult> StartAsync(ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, MutationRecord record,
        CancellationToken cancellationToken) =>
        ActAsync(served.Kind, "started", cluster, @namespace, name, record,
            client => WorkloadStopStart.StartAsync(client, served.Kind, @namespace, name, cancellationToken), cancellationToken);

    /// <summary>Returns the pod template to <c>revision</c>; 0 or none returns it to the revision before the current one.</summary>
    public static async Task<IResult> RollbackAsync(ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, RollbackRequest? request,
        MutationRecord record, CancellationToken cancellationToken)
    {
        if (request?.Revision is < 0)
        {
            return new Validation().Require(false, "revision", "revision is the number of a revision listed by .../revisions, or 0 for the one before the current.").Problem();
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var revision = request?.Revision ?? 0;
        if (revision == 0)
        {
            var revisions = await WorkloadRevisions.ListAsync(client, served.Kind, @namespace, name, cancellationToken);
            if (revisions.Count < 2)
            {
                return new Validation().Require(false, "revision", $"{served.Kind} {name} has no revision before the current one to return to.").Problem();
            }

            revision = revisions[^2].Revision;
        }

        return await ActAsync(served.Kind, "rolled-back", cluster, @namespace, name, record,
            c => WorkloadRevisions.RollbackAsync(c, served.Kind, @namespace, name, revision, cancellationToken), cancellationToken);
    }

    private static async Task<IResult> ActAsync(WorkloadKind kind, string done, TargetCluster cluster, string ns, string name, MutationRecord record,
        Func<k8s.IKubernetes, Task> act, CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        await act(client);
        WorkloadsApi.Changed(record, kind, cluster.Name, ns, name, done);
        var workload = await WorkloadReads.DceObjectAsync(client, kind, cluster.Name, ns, name, cancellationToken);
        return DceJson.Ok(new JsonObject { [WorkloadObjects.AnswerField(kind)] = workload });
    }
}

/// <summary>The version of the Job the caller saw; the restart is refused when the Job has changed since.</summary>
public sealed record JobRestartRequest(string? ResourceVersion);
