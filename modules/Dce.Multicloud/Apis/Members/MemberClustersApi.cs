using System.Net;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Access;
using Dce.Multicloud.Auditing;
using Dce.Multicloud.Apis.Objects;
using Dce.Multicloud.Infrastructure;
using Dce.Multicloud.Instances;
using Dce.Multicloud.Model;
using Dce.Multicloud.Policies;
using Dce.Platform.Contracts.Clusters;
using Dce.ServiceDefaults.Api;
using k8s;
using k8s.Autorest;
using Dce.Platform.Contracts.DceApi;

namespace Dce.Multicloud.Apis.Members;

/// <summary>
/// An instance's member clusters: the clusters Container Management joined, taken into the control plane (join), updated
/// (labels, zones, taints) and let go (leave). Taking a cluster gives the instance's users its capacity, so joining and
/// leaving need a platform grant; reading the members needs any grant in the instance.
/// </summary>
internal static class MemberClustersApi
{
    private static readonly ResourceKind Namespaces = new("", "v1", "namespaces", "Namespace", Namespaced: false);
    private static readonly ResourceKind Secrets = new("", "v1", "secrets", "Secret");

    public static IEndpointRouteBuilder MapMemberClustersApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup($"{KairshipPaths.Instance}/clusters").WithTags("Member clusters");
        members.MapGet("", ListAsync).WithName("ListJoinedClusters").WithSummary("Lists the instance's member clusters with their status.")
            .RequireInstanceAccess("list", "clusters", Reach.Anywhere);
        members.MapPost("/{name}", JoinAsync).WithName("JoinCluster").WithSummary("Joins a cluster of Container Management to the instance.")
            .ProducesValidationProblem().Audited("create", "clusters").RequireInstanceAccess("create", "clusters", Reach.Instance);
        members.MapPut("/{name}", UpdateAsync).WithName("UpdateJoinedCluster").WithSummary("Changes a member's labels, zones and taints.")
            .ProducesValidationProblem().Audited("update", "clusters").RequireInstanceAccess("update", "clusters", Reach.Instance);
        members.MapDelete("/{name}", LeaveAsync).WithName("RemoveJoinedCluster").WithSummary("Removes a member cluster from the instance.")
            .Audited("delete", "clusters").RequireInstanceAccess("delete", "clusters", Reach.Instance);
        return app;
    }

    private static async Task<IResult> ListAsync(ControlPlanes planes, string instance, [AsParameters] KairshipListQuery query, CancellationToken cancellationToken)
    {
        var list = query.ToListQuery();
        if (list.ValidationProblem(ObjectFields.Sorting) is { } invalid)
        {
            return invalid;
        }

        var items = await ResourceClient.ListAsync(planes.Find(instance)!.Client, MemberClusters.Kind, null, cancellationToken: cancellationToken);
        return DceJson.Of(items.Select(Shown).ToPage(list, ObjectFields.Sorting));
    }

    private static async Task<IResult> JoinAsync(ControlPlanes planes, InstanceAccess access, MulticloudDbContext db, ClusterCredentialProtector protector,
        KubeconfigLoader loader, string instance, string name, JoinClusterBody body, CancellationToken cancellationToken)
    {
        if (!await access.OnPlatformAsync("create", "clusters", cancellationToken))
        {
            return TypedResults.Problem("Joining a cluster gives the instance's users its capacity: it needs a platform grant of kairship clusters create.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        if (MemberObjects.Problems(body.Cluster) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, detail: "The member is refused; nothing was changed.");
        }

        var known = await db.Clusters.FindAsync([name], cancellationToken);
        if (known is null || known.Phase == KnownCluster.Removed)
        {
            return TypedResults.Problem($"Cluster {name} is not joined to Container Management; join it there first.",
                statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var kubeconfig = protector.Unprotect(known.ProtectedKubeconfig);
        if (!loader.TryLoad(kubeconfig, out var loaded, out var refusal))
        {
            return TypedResults.Problem($"Cluster {name}'s kubeconfig cannot be used: {refusal}",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unusable cluster");
        }

        var client = planes.Find(instance)!.Client;
        await CreateUnlessExistsAsync(client, Namespaces, null,
            new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = MemberObjects.SecretNamespace } }, cancellationToken);
        if (!await CreateUnlessExistsAsync(client, Secrets, MemberObjects.SecretNamespace, MemberObjects.Secret(name, kubeconfig), cancellationToken))
        {
            await ResourceClient.ReplaceAsync(client, Secrets, MemberObjects.SecretNamespace, name, MemberObjects.Secret(name, kubeconfig), cancellationToken);
        }

        await ResourceClient.CreateAsync(client, MemberClusters.Kind, null, MemberObjects.Cluster(known, loaded.Configuration.Host, body.Cluster), cancellationToken);
        return DceJson.Empty();
    }

    private static async Task<IResult> UpdateAsync(ControlPlanes planes, string instance, string name, JoinClusterBody body, CancellationToken cancellationToken)
    {
        if (MemberObjects.Problems(body.Cluster) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, detail: "The member is refused; nothing was changed.");
        }

        var client = planes.Find(instance)!.Client;
        var current = await ResourceClient.GetAsync(client, MemberClusters.Kind, null, name, cancellationToken);
        current["metadata"]!["labels"] = MemberObjects.Labels(body.Cluster);
        if (current["spec"] is JsonObject spec)
        {
            spec["taints"] = body.Cluster?["spec"]?["taints"]?.DeepClone() ?? new JsonArray();
            spec["zones"] = body.Cluster?["spec"]?["zones"]?.DeepClone() ?? spec["zones"]?.DeepClone();
        }

        return DceJson.Ok(new JsonObject { ["cluster"] = Shown(await ResourceClient.ReplaceAsync(client, MemberClusters.Kind, null, name, current, cancellationToken)) });
    }

    private static async Task<IResult> LeaveAsync(ControlPlanes planes, InstanceAccess access, string instance, string name, CancellationToken cancellationToken)
    {
        if (!await access.OnPlatformAsync("delete", "clusters", cancellationToken))
        {
            return TypedResults.Problem("Removing a member moves every workload off it: it needs a platform grant of kairship clusters delete.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        var client = planes.Find(instance)!.Client;
        await ResourceClient.DeleteAsync(client, MemberClusters.Kind, null, name, cancellationToken);
        try
        {
            await ResourceClient.DeleteAsync(client, Secrets, MemberObjects.SecretNamespace, name, cancellationToken);
        }
        catch (HttpOperationException gone) when (gone.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone: leaving is done.
        }

        return DceJson.Empty();
    }

    /// <summary>The member as DCE shows it: its Ready condition as DCE's <c>status.phase</c>.</summary>
    private static JsonObject Shown(JsonObject item)
    {
        (item["metadata"] as JsonObject)?.Remove("managedFields");
        var status = item["status"] as JsonObject ?? (JsonObject)(item["status"] = new JsonObject());
        var ready = (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(condition => condition["type"]?.GetValue<string>() == "Ready");
        status["phase"] = ready?["status"]?.GetValue<string>() switch
        {
            "True" => "RUNNING",
            "False" => "FAILED",
            _ => "UNKNOWN",
        };
        return item;
    }

    private static async Task<bool> CreateUnlessExistsAsync(IKubernetes client, ResourceKind kind, string? ns, JsonObject item, CancellationToken cancellationToken)
    {
        try
        {
            await ResourceClient.CreateAsync(client, kind, ns, item, cancellationToken);
            return true;
        }
        catch (HttpOperationException exists) when (exists.Response?.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }
}
