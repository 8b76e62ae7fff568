using k8s;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.ContainerManagement.Logs;
using Dce.Platform.Contracts.Authorization;
using k8s.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.ContainerManagement.Apis;

/// <summary>Pods: list, get, delete, logs (tail and follow); and the events of any object in a namespace.</summary>
public static class PodsApi
{
    private const string Resource = "pods";
    private const int MaxTailLines = 10_000;

    private static readonly ListSorting<V1Pod> Sorting = new ListSorting<V1Pod>("name", p => p.Metadata.Name, p => p.Metadata.Name)
        .By("createdAt", p => p.Metadata.CreationTimestamp)
        .By("node", p => p.Spec.NodeName);

    public static IEndpointRouteBuilder MapPodsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}/namespaces/{namespace}").WithTags("Pods");
        api.MapGet("/pods", ListAsync).RequireClusterPermission("list", Resource).WithName("ListPods").WithSummary("Lists pods: paged, sorted, by fuzzy name or label selector.");
        api.MapGet("/pods/{name}", GetAsync).RequireClusterPermission("get", Resource).WithName("GetPod").WithSummary("Describes a pod.");
        api.MapDelete("/pods/{name}", DeleteAsync).Audited("delete", Resource).RequireClusterPermission("delete", Resource).WithName("DeletePod").WithSummary("Deletes a pod.");
        api.MapGet("/pods/{name}/log", LogsAsync).RequireClusterPermission("get", Resource)
            .WithName("GetPodContainerLog").WithSummary("A container's log: the last tailLines lines or the last sinceSeconds, with timestamps=true each line's time, or followed as it grows with follow=true.");
        api.MapGet("/events", EventsAsync).RequireClusterPermission("list", "events")
            .WithName("ListEvents").WithSummary("The events of a namespace, or of one object (kind and name).");
        return app;
    }

    internal static async Task<Results<Ok<ListResponse<V1Pod>>, ProblemHttpResult>> ListAsync(
        [AsParameters] TargetCluster cluster, string @namespace, [AsParameters] ListQuery query, string? labelSelector, CancellationToken cancellationToken)
    {
        if (query.ValidationProblem(Sorting) is ProblemHttpResult invalid)
        {
            return invalid;
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var pods = await PodOperations.ListAsync(client, @namespace, labelSelector, cancellationToken: cancellationToken);
        return TypedResults.Ok(pods.ToPage(query, Sorting));
    }

    internal static async Task<Ok<V1Pod>> GetAsync([AsParameters] TargetCluster cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        return TypedResults.Ok(await PodOperations.GetAsync(client, @namespace, name, cancellationToken));
    }

    internal static async Task<NoContent> DeleteAsync([AsParameters] TargetCluster cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        await client.CoreV1.DeleteNamespacedPodAsync(name, @namespace, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<IResult> LogsAsync(
        [AsParameters] TargetCluster cluster, string @namespace, string name, string? container, int? tailLines, int? sinceSeconds, bool? timestamps, bool? follow, HttpContext http,
        LogFollowSlots followSlots, FollowedLog followed, CancellationToken cancellationToken)
    {
        if (tailLines is < 1 or > MaxTailLines)
        {
            return new Validation().Require(false, "tailLines", $"tailLines is from 1 to {MaxTailLines}.").Problem();
        }

        if (sinceSeconds is < 1)
        {
            return new Validation().Require(false, "sinceSeconds", "sinceSeconds is at least 1.").Problem();
        }

        var connection = await cluster.ConnectAsync(cancellationToken);
        if (follow != true)
        {
            return TypedResults.Text(await PodOperations.LogsAsync(connection.Client, @namespace, name, container, tailLines, sinceSeconds, timestamps == true, cancellationToken), "text/plain");
        }

        var subject = http.User.FindFirst("sub")?.Value ?? "";
        if (await followSlots.TryAcquireAsync(subject) is not { } slot)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many log streams.",
                detail: $"You already follow {followSlots.MaxPerUser} logs; close one and try again.");
        }

        Stream stream;
        try
        {
            stream = await PodOperations.FollowLogsAsync(connection.Streams, @namespace, name, container, tailLines, sinceSeconds, timestamps == true, cancellationToken);
        }
        catch
        {
            await followSlots.ReleaseAsync(subject, slot);
            throw;
        }

        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Stream(body => followed.StreamAsync(stream, body, subject, slot, http.RequestAborted), "text/plain");
    }

    internal static async Task<Ok<IReadOnlyList<Corev1Event>>> EventsAsync(
        [AsParameters] TargetCluster cluster, string @namespace, string? kind, string? name, CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        if (name is not null)
        {
            return TypedResults.Ok(await PodOperations.EventsAsync(client, @namespace, name, kind, cancellationToken: cancellationToken));
        }

        var events = await client.CoreV1.ListNamespacedEventAsync(@namespace, cancellationToken: cancellationToken);
        return TypedResults.Ok<IReadOnlyList<Corev1Event>>([.. events.Items.OrderByDescending(e => e.LastTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp)]);
    }
}
