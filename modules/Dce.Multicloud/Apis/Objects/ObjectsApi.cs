using Dce.Kubernetes.Manifests;
using Dce.Multicloud.Access;
using Dce.Multicloud.Auditing;
using Dce.Multicloud.Instances;
using Microsoft.AspNetCore.Mvc;

namespace Dce.Multicloud.Apis.Objects;

/// <summary>
/// The endpoints of every kind in <see cref="ServedKinds"/>, at DCE's kairship paths: a namespaced kind in
/// <c>…/instances/{instance}/namespaces/{namespace}/{kind}</c> (and listed across the instance's namespaces the caller
/// may see at <c>…/instances/{instance}/{kind}</c>), a cluster-scoped one at <c>…/instances/{instance}/{kind}</c>. Each asks
/// for the kind's own permission where the object is.
/// </summary>
internal static class ObjectsApi
{
    public static IEndpointRouteBuilder MapObjectsApi(this IEndpointRouteBuilder app)
    {
        foreach (var kind in ServedKinds.All)
        {
            Map(app, kind);
        }

        return app;
    }

    private static void Map(IEndpointRouteBuilder app, ServedKind kind)
    {
        var (type, name) = (kind.ResourceType, kind.Kind.Kind);
        var reach = kind.Namespaced ? Reach.Namespace : Reach.Instance;
        var collection = app.MapGroup(kind.Namespaced ? $"{KairshipPaths.Namespace}/{kind.Segment}" : $"{KairshipPaths.Instance}/{kind.Segment}")
            .WithTags(name + "s");

        if (kind.Namespaced)
        {
            app.MapGet($"{KairshipPaths.Instance}/{kind.Segment}",
                    (HttpContext http, ControlPlanes planes, string instance, [AsParameters] KairshipListQuery query, CancellationToken cancellationToken) =>
                        ObjectHandlers.ListAsync(http, planes, kind, instance, null, query, cancellationToken))
                .WithTags(name + "s").WithName($"ListInstance{name}s").WithSummary($"Lists the {kind.Segment} of every namespace of the instance the caller may see.")
                .RequireInstanceAccess("list", type, Reach.Anywhere);
        }

        collection.MapGet("", (HttpContext http, ControlPlanes planes, string instance, string? @namespace, [AsParameters] KairshipListQuery query, CancellationToken cancellationToken) =>
                ObjectHandlers.ListAsync(http, planes, kind, instance, @namespace, query, cancellationToken))
            .WithName($"List{name}s").WithSummary($"Lists {kind.Segment}.").RequireInstanceAccess("list", type, reach);
        collection.MapPost("", (ControlPlanes planes, string instance, string? @namespace, DataBody body, CancellationToken cancellationToken) =>
                ObjectHandlers.CreateAsync(planes, kind, instance, @namespace, body, cancellationToken))
            .WithName($"Create{name}").WithSummary($"Creates a {name} from {{\"data\": \"<YAML or JSON>\"}}.")
            .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes)).ProducesValidationProblem()
            .Audited("create", type).RequireInstanceAccess("create", type, reach)
            .RefusesTakeoverBelowInstanceGrant(kind);
        collection.MapGet("/{name}", (ControlPlanes planes, string instance, string? @namespace, string name, CancellationToken cancellationToken) =>
                ObjectHandlers.GetAsync(planes, kind, instance, @namespace, name, cancellationToken))
            .WithName($"Get{name}").WithSummary($"A {name}.").RequireInstanceAccess("get", type, reach);
        collection.MapGet("/{name}/json", (ControlPlanes planes, string instance, string? @namespace, string name, CancellationToken cancellationToken) =>
                ObjectHandlers.GetJsonAsync(planes, kind, instance, @namespace, name, cancellationToken))
            .WithName($"Get{name}JSON").WithSummary($"The {name} as JSON text in data.").RequireInstanceAccess("get", type, reach);
        collection.MapPut("/{name}", (ControlPlanes planes, string instance, string? @namespace, string name, DataBody body, CancellationToken cancellationToken) =>
                ObjectHandlers.ReplaceAsync(planes, kind, instance, @namespace, name, body, cancellationToken))
            .WithName($"Update{name}").WithSummary($"Replaces a {name} with {{\"data\": \"<YAML or JSON>\"}}.")
            .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes)).ProducesValidationProblem()
            .Audited("update", type).RequireInstanceAccess("update", type, reach)
            .RefusesTakeoverBelowInstanceGrant(kind);
        collection.MapPatch("/{name}", (ControlPlanes planes, string instance, string? @namespace, string name, DataBody body, CancellationToken cancellationToken) =>
                ObjectHandlers.PatchAsync(planes, kind, instance, @namespace, name, body, cancellationToken))
            .WithName($"Patch{name}").WithSummary($"Patches a {name} with a JSON merge patch in {{\"data\": \"<patch>\"}}.")
            .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes)).ProducesValidationProblem()
            .Audited("patch", type).RequireInstanceAccess("patch", type, reach)
            .RefusesTakeoverBelowInstanceGrant(kind);
        collection.MapDelete("/{name}", (ControlPlanes planes, string instance, string? @namespace, string name, CancellationToken cancellationToken) =>
                ObjectHandlers.DeleteAsync(planes, kind, instance, @namespace, name, cancellationToken))
            .WithName($"Delete{name}").WithSummary($"Deletes a {name}; its copies leave the member clusters.").Audited("delete", type).RequireInstanceAccess("delete", type, reach);
    }
}
