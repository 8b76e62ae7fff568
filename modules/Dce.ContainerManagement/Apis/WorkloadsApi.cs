using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.GlobalManagement;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using Dce.Platform.Contracts.IntegrationEvents;
using Dce.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// Deployments, StatefulSets, DaemonSets, Jobs and CronJobs at DCE's paths and in DCE's shapes
/// (<c>.../namespaces/{namespace}/deployments/{name}:restart</c>): lists (namespace, cluster, every cluster), get,
/// create from YAML/JSON, update from YAML, patch, restart, pause/resume, rollback, start/stop, delete
/// (<see cref="WorkloadReads"/>, <see cref="WorkloadChanges"/>); and the module's own form create, scale and revisions.
/// Every change raises <see cref="WorkloadChanged"/> and an audit record.
/// </summary>
public static class WorkloadsApi
{
    internal const string Resource = "workloads";

    public static IEndpointRouteBuilder MapWorkloadsApi(this IEndpointRouteBuilder app)
    {
        foreach (var kind in WorkloadKinds.All)
        {
            var info = kind.Info();
            var segment = info.Plural;
            var tag = kind + "s";
            app.MapGet($"{ApiPaths.V1Alpha1}/asl/{segment}", WorkloadReads.ListAcrossClustersAsync).WithMetadata(new ServedKind(kind)).WithETag()
                .WithTags(tag).WithName($"ListAll{tag}").WithSummary($"Lists the {segment} of every cluster the caller may see.");
            app.MapGet($"{ApiPaths.V1Alpha1}/clusters/{{cluster}}/{segment}", WorkloadReads.ListInClusterAsync).WithMetadata(new ServedKind(kind)).WithETag()
                .WithTags(tag).WithName($"ListCluster{tag}").WithSummary($"Lists the {segment} of every namespace of a cluster the caller may see.");

            // The collection's own routes are mapped outside the group so their patterns carry no trailing slash.
            var collection = $"{ApiPaths.V1Alpha1}/clusters/{{cluster}}/namespaces/{{namespace}}/{segment}";
            var api = app.MapGroup(collection).WithMetadata(new ServedKind(kind)).WithTags(tag);
            app.MapGet(collection, WorkloadReads.ListAsync).WithMetadata(new ServedKind(kind)).WithETag().WithTags(tag).RequireClusterPermission("list", Resource).WithName($"List{tag}")
                .WithSummary($"Lists {segment} in DCE's shape: paged, sorted, by name or fuzzy name, label or field selector.");
            api.MapGet("/{name}", WorkloadReads.GetAsync).RequireClusterPermission("get", Resource).WithName($"Get{kind}").WithSummary($"A {kind} in DCE's shape.");
            api.MapGet("/{name}/json", WorkloadReads.GetJsonAsync).RequireClusterPermission("get", Resource).WithName($"Get{kind}JSON")
                .WithSummary($"The {kind} as the cluster holds it, as JSON text in data.");
            app.MapPost(collection, CreateAsync).WithMetadata(new ServedKind(kind)).WithTags(tag).Audited("create", Resource).RequireClusterPermission("create", Resource)
                .WithName($"Create{kind}").WithSummary($"Creates a {kind} from a form: image, replicas, ports, env, resources, probes, node selector.");
            api.MapPost("/json", CreateByManifestAsync).Audited("create", Resource).RequireClusterPermission("create", Resource)
                .Accepts<string>("application/json", "application/yaml")
                .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes))
                .WithName($"Create{kind}ByJSON").WithSummary("Creates every object of a YAML or JSON manifest ({\"data\": \"<manifest>\"} or the manifest itself) of this namespace, or none of them; each object needs the permission its own endpoint needs.");
            api.MapPut("/{name}/json", UpdateByManifestAsync).Audited("update", Resource).RequireClusterPermission("update", Resource)
                .Accepts<string>("application/json", "application/yaml")
                .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes))
                .WithName($"Update{kind}ByJSON").WithSummary("Replaces the objects of a YAML or JSON manifest ({\"data\": \"<manifest>\"} or the manifest itself) of this namespace, or none of them; each object needs the permission its own endpoint needs.");
            api.MapPatch("/{name}", WorkloadChanges.PatchAsync).Audited("patch", Resource).RequireClusterPermission("patch", Resource)
                .WithName($"Patch{kind}").WithSummary("Patches the workload: {\"data\": \"<patch>\"}, or the patch itself (strategic merge by default).");
            api.MapDelete("/{name}", WorkloadChanges.DeleteAsync).Audited("delete", Resource).RequireClusterPermission("delete", Resource)
                .WithName($"Delete{kind}").WithSummary($"Deletes a {kind} and its pods.");

            if (info.Restartable)
            {
                api.MapPost("/{name}:restart", WorkloadChanges.RestartAsync).Audited("restart", Resource).RequireClusterPermission("restart", Resource)
                    .WithName($"Restart{kind}").WithSummary("Replaces every pod, as kubectl rollout restart does.");
            }

            if (kind == WorkloadKind.Job)
            {
                api.MapPost("/{name}:restart", WorkloadChanges.RestartJobAsync).Audited("restart", Resource).RequireClusterPermission("restart", Resource)
                    .WithName("RestartJob").WithSummary("Runs the Job again: deletes it with its pods and creates it anew from its spec.");
            }

            if (kind == WorkloadKind.CronJob)
            {
                api.MapGet("/{name}/jobs", WorkloadReads.JobsOfCronJobAsync).RequireClusterPermission("list", Resource)
                    .WithName("ListJobsByCronJobName").WithSummary("The Jobs the CronJob started.");
            }

            if (info.ScaleAsync is not null)
            {
                api.MapPost("/{name}:scale", ScaleAsync).Audited("scale", Resource).RequireClusterPermission("scale", Resource)
                    .WithName($"Scale{kind}").WithSummary("Sets the number of replicas.");
                api.MapPost("/{name}:stop", WorkloadChanges.StopAsync).Audited("stop", Resource).RequireClusterPermission("scale", Resource)
                    .WithName($"Stop{kind}").WithSummary("Scales to 0, remembering the replicas for :start.");
                api.MapPost("/{name}:start", WorkloadChanges.StartAsync).Audited("start", Resource).RequireClusterPermission("scale", Resource)
                    .WithName($"Start{kind}").WithSummary("Scales a stopped workload back to the replicas it had.");
            }

            if (info.PauseField is not null)
            {
                api.MapPost("/{name}:pause", WorkloadChanges.PauseAsync).Audited("pause", Resource).RequireClusterPermission("pause", Resource)
                    .WithName($"Pause{kind}").WithSummary("Pauses rollouts (Deployment) or schedules (CronJob).");
                api.MapPost("/{name}:resume", WorkloadChanges.ResumeAsync).Audited("resume", Resource).RequireClusterPermission("resume", Resource)
                    .WithName($"Resume{kind}").WithSummary("Resumes rollouts or schedules.");
            }

            if (info.Revisions != RevisionHistory.None)
            {
                api.MapGet("/{name}/revisions", RevisionsAsync).RequireClusterPermission("get", Resource)
                    .WithName($"List{kind}Revisions").WithSummary("The revisions a rollback can return to.");
                api.MapPost("/{name}:rollback", WorkloadChanges.RollbackAsync).Audited("rollback", Resource).RequireClusterPermission("rollback", Resource)
                    .WithName($"Rollback{kind}").WithSummary("Returns the pod template to an earlier revision ({\"revision\": n}; 0 or none: the one before the current).");
            }
        }

        app.MapPost($"{ApiPaths.V1Alpha1}/clusters/{{cluster}}/namespaces/{{namespace}}/resources", CreateResourcesAsync).WithTags("Resources")
            .Audited("create", Resource).RequireClusterPermission("create", Resource)
            .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes))
            .WithName("CreateResource").WithSummary("Creates the objects of DCE's {\"data\": [\"<YAML>\", ...]} in this namespace, all or none; each object needs the permission its own endpoint needs.");

        return app;
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

    internal static Task<IResult> CreateByManifestAsync([AsParameters] TargetCluster cluster, string @namespace, HttpContext http,
        GlobalManagementClient globalManagement, MutationRecord record, CancellationToken cancellationToken) =>
        ManifestEndpoint.ApplyAsync(ManifestApplyMode.Create, cluster, @namespace, http, globalManagement, record, cancellationToken);

    internal static Task<IResult> UpdateByManifestAsync([AsParameters] TargetCluster cluster, string @namespace, HttpContext http,
        GlobalManagementClient globalManagement, MutationRecord record, CancellationToken cancellationToken) =>
        ManifestEndpoint.ApplyAsync(ManifestApplyMode.Update, cluster, @namespace, http, globalManagement, record, cancellationToken);

    internal static Task<IResult> CreateResourcesAsync([AsParameters] TargetCluster cluster, string @namespace, HttpContext http,
        GlobalManagementClient globalManagement, MutationRecord record, CancellationToken cancellationToken) =>
        ManifestEndpoint.ApplyAsync(ManifestApplyMode.Create, cluster, @namespace, http, globalManagement, record, cancellationToken, ManifestAnswer.Resources);

    internal static void Changed(MutationRecord record, WorkloadKind kind, string cluster, string ns, string name, string action)
    {
        record.Describe($"{cluster}/{ns}/{kind.PathSegment()}/{name}");
        record.Raise(new WorkloadChanged(cluster, ns, kind.ToString(), name, action));
    }
}

/// <summary>The number of replicas to run.</summary>
public sealed record ScaleRequest(int? Replicas);

/// <summary>The revision to return to.</summary>
public sealed record RollbackRequest(long? Revision);
