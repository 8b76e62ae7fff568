using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.GlobalManagement;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using Dce.Platform.Contracts.IntegrationEvents;
using k8s.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// Deployments, StatefulSets, DaemonSets, Jobs and CronJobs at DCE's paths (<c>.../namespaces/{namespace}/deployments/{name}:scale</c>):
/// list, get with pods, create from a form or YAML/JSON, update from YAML, patch, scale, restart, pause/resume,
/// revisions and rollback, delete. Every change raises <see cref="WorkloadChanged"/> and an audit record.
/// </summary>
public static class WorkloadsApi
{
    internal const string Resource = "workloads";

    private static readonly ListSorting<WorkloadSummary> Sorting = new ListSorting<WorkloadSummary>("name", w => w.Name, w => w.Name)
        .By("createdAt", w => w.CreationTimestamp)
        .By("namespace", w => w.Namespace)
        .By("status", w => w.Status);

    public static IEndpointRouteBuilder MapWorkloadsApi(this IEndpointRouteBuilder app)
    {
        foreach (var kind in WorkloadKinds.All)
        {
            var info = kind.Info();
            var segment = info.Plural;
            var tag = kind + "s";
            app.MapGet($"{ApiPaths.V1Alpha1}/clusters/{{cluster}}/{segment}", ListInClusterAsync).WithMetadata(new ServedKind(kind))
                .WithTags(tag).WithName($"ListCluster{tag}").WithSummary($"Lists the {segment} of every namespace of a cluster the caller may see.");

            var api = app.MapGroup($"{ApiPaths.V1Alpha1}/clusters/{{cluster}}/namespaces/{{namespace}}/{segment}").WithMetadata(new ServedKind(kind)).WithTags(tag);
            api.MapGet("", ListAsync).RequireClusterPermission("list", Resource).WithName($"List{tag}").WithSummary($"Lists {segment}: paged, sorted, by fuzzy name.");
            api.MapGet("/{name}", GetAsync).RequireClusterPermission("get", Resource).WithName($"Get{kind}").WithSummary($"A {kind} with its pods.");
            api.MapGet("/{name}/json", GetObjectAsync).RequireClusterPermission("get", Resource).WithName($"Get{kind}JSON").WithSummary($"The {kind} object as the cluster holds it.");
            api.MapPost("", CreateAsync).Audited("create", Resource).RequireClusterPermission("create", Resource)
                .WithName($"Create{kind}").WithSummary($"Creates a {kind} from a form: image, replicas, ports, env, resources, probes, node selector.");
            api.MapPost("/json", CreateByManifestAsync).Audited("create", Resource).RequireClusterPermission("create", Resource).Accepts<string>("application/yaml", "application/json")
                .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes))
                .WithName($"Create{kind}ByJSON").WithSummary("Creates every object of a YAML or JSON manifest of this namespace, or none of them; each object needs the permission its own endpoint needs.");
            api.MapPut("/{name}/json", UpdateByManifestAsync).Audited("update", Resource).RequireClusterPermission("update", Resource).Accepts<string>("application/yaml", "application/json")
                .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes))
                .WithName($"Update{kind}ByJSON").WithSummary("Replaces the objects of a YAML or JSON manifest of this namespace, or none of them; each object needs the permission its own endpoint needs.");
            api.MapPatch("/{name}", PatchAsync).Audited("patch", Resource).RequireClusterPermission("patch", Resource)
                .WithName($"Patch{kind}").WithSummary("Patches the workload (strategic merge by default).");
            api.MapDelete("/{name}", DeleteAsync).Audited("delete", Resource).RequireClusterPermission("delete", Resource)
                .WithName($"Delete{kind}").WithSummary($"Deletes a {kind} and its pods.");
            api.MapPost("/{name}:restart", RestartAsync).Audited("restart", Resource).RequireClusterPermission("restart", Resource)
                .WithName($"Restart{kind}").WithSummary("Replaces every pod, as kubectl rollout restart does.");

            if (info.ScaleAsync is not null)
            {
                api.MapPost("/{name}:scale", ScaleAsync).Audited("scale", Resource).RequireClusterPermission("scale", Resource)
                    .WithName($"Scale{kind}").WithSummary("Sets the number of replicas.");
            }

            if (info.PauseField is not null)
            {
                api.MapPost("/{name}:pause", PauseAsync).Audited("pause", Resource).RequireClusterPermission("pause", Resource)
                    .WithName($"Pause{kind}").WithSummary("Pauses rollouts (Deployment) or schedules (CronJob).");
                api.MapPost("/{name}:resume", ResumeAsync).Audited("resume", Resource).RequireClusterPermission("resume", Resource)
                    .WithName($"Resume{kind}").WithSummary("Resumes rollouts or schedules.");
            }

            if (info.Revisions != RevisionHistory.None)
            {
                api.MapGet("/{name}/revisions", RevisionsAsync).RequireClusterPermission("get", Resource)
                    .WithName($"List{kind}Revisions").WithSummary("The revisions a rollback can return to.");
                api.MapPost("/{name}:rollback", RollbackAsync).Audited("rollback", Resource).RequireClusterPermission("rollback", Resource)
                    .WithName($"Rollback{kind}").WithSummary("Returns the pod template to an earlier revision.");
            }
        }

        return app;
    }

    internal static async Task<Results<Ok<ListResponse<WorkloadSummary>>, ProblemHttpResult>> ListInClusterAsync(
        ServedKind served, [AsParameters] TargetCluster cluster, [AsParameters] ListQuery query, HttpContext http, CancellationToken cancellationToken)
    {
        if (query.ValidationProblem(Sorting) is ProblemHttpResult invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", Resource);
        if (!scope.TouchesCluster(cluster.Name))
        {
            return Problems.Forbidden($"You may not list workloads in cluster {cluster.Name}.");
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var workloads = await WorkloadOperations.ListAsync(client, served.Kind, null, cancellationToken);
        return TypedResults.Ok(workloads.Where(w => scope.CoversNamespace(cluster.Name, w.Namespace)).ToPage(query, Sorting));
    }

    internal static async Task<Results<Ok<ListResponse<WorkloadSummary>>, ProblemHttpResult>> ListAsync(
        ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, [AsParameters] ListQuery query, CancellationToken cancellationToken)
    {
        if (query.ValidationProblem(Sorting) is ProblemHttpResult invalid)
        {
            return invalid;
        }

        var client = await cluster.ClientAsync(cancellationToken);
        return TypedResults.Ok((await WorkloadOperations.ListAsync(client, served.Kind, @namespace, cancellationToken)).ToPage(query, Sorting));
    }

    internal static async Task<Ok<WorkloadView>> GetAsync(ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        var detail = await WorkloadOperations.GetAsync(client, served.Kind, @namespace, name, cancellationToken);
        return TypedResults.Ok(new WorkloadView(detail.Summary, detail.Workload, detail.Pods));
    }

    internal static async Task<Ok<object>> GetObjectAsync(ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        return TypedResults.Ok<object>(await WorkloadOperations.ReadAsync(client, served.Kind, @namespace, name, cancellationToken));
    }

    internal static async Task<Results<Created<WorkloadSummary>, ValidationProblem>> CreateAsync(
        ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, WorkloadForm form, MutationRecord record, CancellationToken cancellationToken)
    {
        var errors = WorkloadFormValidator.Validate(served.Kind, form);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "The workload form is invalid; nothing was created.");
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var created = await WorkloadOperations.CreateAsync(client, served.Kind, @namespace, form, cancellationToken);
        Changed(record, served.Kind, cluster.Name, @namespace, created.Name, "created");
        return TypedResults.Created($"{ApiPaths.V1Alpha1}/clusters/{cluster.Name}/namespaces/{@namespace}/{served.Kind.PathSegment()}/{created.Name}", created);
    }

    internal static async Task<IResult> PatchAsync(
        ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, HttpRequest request, MutationRecord record, CancellationToken cancellationToken)
    {
        var body = await new StreamReader(request.Body).ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return new Validation().Require(false, "body", "The body is the patch, e.g. {\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\"}]}}}}.").Problem();
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var patched = await WorkloadPatch.ApplyAsync(client, served.Kind, @namespace, name, body, WorkloadPatch.TypeOf(request.ContentType), cancellationToken);
        Changed(record, served.Kind, cluster.Name, @namespace, name, "patched");
        return TypedResults.Ok(patched);
    }

    internal static async Task<Results<Ok<ScaleRequest>, ValidationProblem>> ScaleAsync(
        ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, ScaleRequest request, MutationRecord record, CancellationToken cancellationToken)
    {
        if (request.Replicas is not (>= 0 and <= 1000))
        {
            return new Validation().Require(false, "replicas", "replicas is a number from 0 to 1000.").Problem();
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var replicas = await WorkloadActions.ScaleAsync(client, served.Kind, @namespace, name, request.Replicas.Value, cancellationToken);
        Changed(record, served.Kind, cluster.Name, @namespace, name, "scaled");
        return TypedResults.Ok(new ScaleRequest(replicas));
    }

    internal static async Task<Ok<IReadOnlyList<WorkloadRevision>>> RevisionsAsync(
        ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        return TypedResults.Ok(await WorkloadRevisions.ListAsync(client, served.Kind, @namespace, name, cancellationToken));
    }

    internal static async Task<Results<NoContent, ValidationProblem>> RollbackAsync(
        ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, RollbackRequest request, MutationRecord record, CancellationToken cancellationToken)
    {
        if (request.Revision is not > 0)
        {
            return new Validation().Require(false, "revision", "revision is the number of a revision listed by .../revisions.").Problem();
        }

        var client = await cluster.ClientAsync(cancellationToken);
        await WorkloadRevisions.RollbackAsync(client, served.Kind, @namespace, name, request.Revision.Value, cancellationToken);
        Changed(record, served.Kind, cluster.Name, @namespace, name, "rolled-back");
        return TypedResults.NoContent();
    }

    internal static Task<IResult> CreateByManifestAsync([AsParameters] TargetCluster cluster, string @namespace, HttpContext http,
        GlobalManagementClient globalManagement, MutationRecord record, CancellationToken cancellationToken) =>
        ManifestEndpoint.ApplyAsync(ManifestApplyMode.Create, cluster, @namespace, http, globalManagement, record, cancellationToken);

    internal static Task<IResult> UpdateByManifestAsync([AsParameters] TargetCluster cluster, string @namespace, HttpContext http,
        GlobalManagementClient globalManagement, MutationRecord record, CancellationToken cancellationToken) =>
        ManifestEndpoint.ApplyAsync(ManifestApplyMode.Update, cluster, @namespace, http, globalManagement, record, cancellationToken);

    internal static Task<NoContent> DeleteAsync(
        ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, MutationRecord record, CancellationToken cancellationToken) =>
        ActAsync(served.Kind, "deleted", cluster, @namespace, name, record, client => WorkloadOperations.DeleteAsync(client, served.Kind, @namespace, name, cancellationToken: cancellationToken), cancellationToken);

    internal static Task<NoContent> RestartAsync(
        ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, MutationRecord record, CancellationToken cancellationToken) =>
        ActAsync(served.Kind, "restarted", cluster, @namespace, name, record, client => WorkloadActions.RestartAsync(client, served.Kind, @namespace, name, cancellationToken: cancellationToken), cancellationToken);

    internal static Task<NoContent> PauseAsync(
        ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, MutationRecord record, CancellationToken cancellationToken) =>
        ActAsync(served.Kind, "paused", cluster, @namespace, name, record, client => WorkloadActions.PauseAsync(client, served.Kind, @namespace, name, cancellationToken), cancellationToken);

    internal static Task<NoContent> ResumeAsync(
        ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, MutationRecord record, CancellationToken cancellationToken) =>
        ActAsync(served.Kind, "resumed", cluster, @namespace, name, record, client => WorkloadActions.ResumeAsync(client, served.Kind, @namespace, name, cancellationToken), cancellationToken);

    private static async Task<NoContent> ActAsync(
        WorkloadKind kind, string done, TargetCluster cluster, string ns, string name, MutationRecord record, Func<k8s.IKubernetes, Task> act, CancellationToken cancellationToken)
    {
        await act(await cluster.ClientAsync(cancellationToken));
        Changed(record, kind, cluster.Name, ns, name, done);
        return TypedResults.NoContent();
    }

    internal static void Changed(MutationRecord record, WorkloadKind kind, string cluster, string ns, string name, string action)
    {
        record.Describe($"{cluster}/{ns}/{kind.PathSegment()}/{name}");
        record.Raise(new WorkloadChanged(cluster, ns, kind.ToString(), name, action));
    }
}

/// <summary>A workload, the object as the cluster holds it, and its pods.</summary>
public sealed record WorkloadView(WorkloadSummary Summary, object Workload, IReadOnlyList<V1Pod> Pods);

/// <summary>The number of replicas to run.</summary>
public sealed record ScaleRequest(int? Replicas);

/// <summary>The revision to return to.</summary>
public sealed record RollbackRequest(long? Revision);
