using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.Kubernetes.Names;
using Dce.Kubernetes.Quantities;
using Dce.Platform.Contracts.Authorization;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// DCE's own operations on a claim beside the generic ones: replace its labels or annotations, and expand it
/// (<c>:scale</c> to a new capacity, which the cluster allows for a bound claim whose storage class allows expansion).
/// </summary>
public static class ClaimsApi
{
    private static readonly ServedResource Served = ServedResources.All.Single(r => r.Kind == ResourceKinds.PersistentVolumeClaims);

    public static IEndpointRouteBuilder MapClaimsApi(this IEndpointRouteBuilder app)
    {
        var claim = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}/namespaces/{namespace}/persistentvolumeclaims/{name}")
            .WithMetadata(Served).WithTags("PersistentVolumeClaims");
        claim.MapPut("/labels", SetLabelsAsync).Audited("update", ServedResources.Claims).RequireClusterPermission("update", ServedResources.Claims)
            .WithName("UpdatePersistentVolumeClaimLabels").WithSummary("Replaces the claim's labels.");
        claim.MapPut("/annotations", SetAnnotationsAsync).Audited("update", ServedResources.Claims).RequireClusterPermission("update", ServedResources.Claims)
            .WithName("UpdatePersistentVolumeClaimAnnotations").WithSummary("Replaces the claim's annotations.");
        app.MapPost(ApiPaths.V1Alpha1 + "/clusters/{cluster}/namespaces/{namespace}/persistentvolumeclaims/{name}:scale", ExpandAsync)
            .WithMetadata(Served).WithTags("PersistentVolumeClaims")
            .Audited("update", ServedResources.Claims).RequireClusterPermission("update", ServedResources.Claims)
            .WithName("ScalePersistentVolumeClaim").WithSummary("Expands the claim to a larger capacity: {\"capacity\": \"2Gi\"}.");
        return app;
    }

    internal static async Task<IResult> SetLabelsAsync([AsParameters] TargetCluster cluster, string @namespace, string name, LabelsBody body,
        HttpContext http, MutationRecord record, CancellationToken cancellationToken)
    {
        var validation = new Validation().Require(body.Labels is not null, "labels", "labels is required: the claim's labels, which replace the present ones.");
        foreach (var (key, value) in body.Labels ?? [])
        {
            validation.Require(KubernetesNames.IsLabelKey(key), $"labels[{key}]", $"{key} is not a valid label key.")
                .Require(KubernetesNames.IsLabelValue(value), $"labels[{key}]", $"{value} is not a valid label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var replaced = await ReplaceMetadataAsync(cluster, @namespace, name, "labels", body.Labels!, record, http, cancellationToken);
        return DceJson.Ok(new JsonObject { ["labels"] = replaced["metadata"]?["labels"]?.DeepClone() ?? new JsonObject() });
    }

    internal static async Task<IResult> SetAnnotationsAsync([AsParameters] TargetCluster cluster, string @namespace, string name, AnnotationsBody body,
        HttpContext http, MutationRecord record, CancellationToken cancellationToken)
    {
        var validation = new Validation().Require(body.Annotations is not null, "annotations", "annotations is required: the claim's annotations, which replace the present ones.");
        foreach (var key in body.Annotations?.Keys ?? Enumerable.Empty<string>())
        {
            validation.Require(KubernetesNames.IsLabelKey(key), $"annotations[{key}]", $"{key} is not a valid annotation key.");
        }

        validation.Require((body.Annotations ?? []).Sum(a => a.Key.Length + a.Value.Length) <= 256 * 1024, "annotations", "annotations may hold at most 256 KiB together.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var replaced = await ReplaceMetadataAsync(cluster, @namespace, name, "annotations", body.Annotations!, record, http, cancellationToken);
        return DceJson.Ok(new JsonObject { ["annotations"] = replaced["metadata"]?["annotations"]?.DeepClone() ?? new JsonObject() });
    }

    internal static async Task<IResult> ExpandAsync([AsParameters] TargetCluster cluster, string @namespace, string name, CapacityBody body,
        HttpContext http, MutationRecord record, CancellationToken cancellationToken)
    {
        if (!Quantity.TryParse(body.Capacity, out var capacity) || capacity.Value <= 0)
        {
            return new Validation().Require(false, "capacity", "capacity is the claim's new size, a quantity such as 2Gi.").Problem();
        }

        var patch = new JsonObject { ["spec"] = new JsonObject { ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = body.Capacity!.Trim() } } } };
        var patched = await ResourceClient.PatchAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, @namespace, name, patch.ToJsonString(), PatchFormat.Merge, cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, @namespace, name, "expanded", http);
        return DceJson.Ok(new JsonObject { ["capacity"] = patched["spec"]?["resources"]?["requests"]?["storage"]?.ToString() });
    }

    // One JSON patch replaces the whole map in one call: nothing read first, so no concurrent change is overwritten.
    private static async Task<JsonObject> ReplaceMetadataAsync(TargetCluster cluster, string ns, string name, string field, Dictionary<string, string> values,
        MutationRecord record, HttpContext http, CancellationToken cancellationToken)
    {
        var map = new JsonObject(values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)JsonValue.Create(v.Value))));
        var patch = new JsonArray(new JsonObject { ["op"] = "add", ["path"] = $"/metadata/{field}", ["value"] = map });
        var replaced = await ResourceClient.PatchAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, ns, name, patch.ToJsonString(), PatchFormat.Json, cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, ns, name, "updated", http);
        return replaced;
    }
}

/// <summary>The labels that replace an object's labels.</summary>
public sealed record LabelsBody(Dictionary<string, string>? Labels);

/// <summary>The annotations that replace an object's annotations.</summary>
public sealed record AnnotationsBody(Dictionary<string, string>? Annotations);

/// <summary>A claim's new capacity.</summary>
public sealed record CapacityBody(string? Capacity);
