using System.Text.Json.Nodes;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Access;
using Dce.Multicloud.Instances;
using Dce.Multicloud.Policies;
using Dce.ServiceDefaults.Api;
using Dce.Platform.Contracts.DceApi;

namespace Dce.Multicloud.Apis.Objects;

/// <summary>List, get, create, replace, patch and delete of one served kind in an instance's control plane, in DCE's shapes.</summary>
internal static class ObjectHandlers
{
    public static async Task<IResult> ListAsync(HttpContext http, ControlPlanes planes, ServedKind kind, string instance, string? ns,
        KairshipListQuery query, CancellationToken cancellationToken)
    {
        var list = query.ToListQuery();
        if (list.ValidationProblem(ObjectFields.Sorting) is { } invalid)
        {
            return invalid;
        }

        var scope = http.InstanceScope();
        var items = await ResourceClient.ListAsync(Plane(planes, instance).Client, kind.Kind, ns, cancellationToken: cancellationToken);
        var visible = kind.Namespaced
            ? items.Where(item => scope.Covers(ObjectFields.Namespace(item)) && !NamespacesApi.IsKarmadaOwn(ObjectFields.Namespace(item) ?? ""))
            : items;
        return DceJson.Of(visible.Select(item => Shown(kind, item)).ToPage(list, ObjectFields.Sorting));
    }

    public static async Task<IResult> GetAsync(ControlPlanes planes, ServedKind kind, string instance, string? ns, string name, CancellationToken cancellationToken)
    {
        var item = Shown(kind, await ResourceClient.GetAsync(Plane(planes, instance).Client, kind.Kind, ns, name, cancellationToken));
        return DceJson.Ok(kind.Wrapper is null ? item : new JsonObject { [kind.Wrapper] = item });
    }

    public static async Task<IResult> GetJsonAsync(ControlPlanes planes, ServedKind kind, string instance, string? ns, string name, CancellationToken cancellationToken)
    {
        var item = Shown(kind, await ResourceClient.GetAsync(Plane(planes, instance).Client, kind.Kind, ns, name, cancellationToken));
        return DceJson.Ok(DataBody.Of(item));
    }

    public static async Task<IResult> CreateAsync(ControlPlanes planes, ServedKind kind, string instance, string? ns, DataBody body, CancellationToken cancellationToken)
    {
        var plane = Plane(planes, instance);
        if (Read(kind, body) is not { } item)
        {
            return Missing(kind);
        }

        if (await RefusalAsync(plane, kind, ns, null, item, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var created = await ResourceClient.CreateAsync(plane.Client, kind.Kind, ns, item, cancellationToken);
        return DceJson.Ok(DataBody.Of(Shown(kind, created)));
    }

    public static async Task<IResult> ReplaceAsync(ControlPlanes planes, ServedKind kind, string instance, string? ns, string name, DataBody body,
        CancellationToken cancellationToken)
    {
        var plane = Plane(planes, instance);
        if (Read(kind, body) is not { } item)
        {
            return Missing(kind);
        }

        if (await RefusalAsync(plane, kind, ns, name, item, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (item["metadata"]!["resourceVersion"] is null)
        {
            var current = await ResourceClient.GetAsync(plane.Client, kind.Kind, ns, name, cancellationToken);
            item["metadata"]!["resourceVersion"] = current["metadata"]?["resourceVersion"]?.DeepClone();
        }

        var replaced = await ResourceClient.ReplaceAsync(plane.Client, kind.Kind, ns, name, item, cancellationToken);
        return DceJson.Ok(DataBody.Of(Shown(kind, replaced)));
    }

    /// <summary>Replaces the object named in the body (DCE's shape for some kinds, at the collection's path).</summary>
    public static Task<IResult> ReplaceNamedInBodyAsync(ControlPlanes planes, ServedKind kind, string instance, string ns, DataBody body, CancellationToken cancellationToken)
    {
        var name = Read(kind, body)?["metadata"]?["name"]?.GetValue<string>();
        return name is { Length: > 0 }
            ? ReplaceAsync(planes, kind, instance, ns, name, body, cancellationToken)
            : Task.FromResult<IResult>(TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["data.metadata.name"] = [$"name the {kind.Kind.Kind} to replace."] }));
    }

    public static async Task<IResult> PatchAsync(ControlPlanes planes, ServedKind kind, string instance, string? ns, string name, DataBody body,
        CancellationToken cancellationToken)
    {
        var plane = Plane(planes, instance);
        if (Read(kind, body) is not { } patch)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["data"] = ["give the merge patch as JSON or YAML in data."] });
        }

        var current = await ResourceClient.GetAsync(plane.Client, kind.Kind, ns, name, cancellationToken);
        var merged = MergePatch.Apply(current, patch);
        if (await RefusalAsync(plane, kind, ns, name, merged, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var replaced = await ResourceClient.ReplaceAsync(plane.Client, kind.Kind, ns, name, merged, cancellationToken);
        return DceJson.Ok(DataBody.Of(Shown(kind, replaced)));
    }

    public static async Task<IResult> DeleteAsync(ControlPlanes planes, ServedKind kind, string instance, string? ns, string name, CancellationToken cancellationToken)
    {
        await ResourceClient.DeleteAsync(Plane(planes, instance).Client, kind.Kind, ns, name, cancellationToken);
        return DceJson.Empty();
    }

    private static ControlPlane Plane(ControlPlanes planes, string instance) =>
        planes.Find(instance) ?? throw new KeyNotFoundException($"Instance {instance} does not exist.");

    private static JsonObject Shown(ServedKind kind, JsonObject item)
    {
        if (item["metadata"] is JsonObject metadata)
        {
            metadata.Remove("managedFields");
        }

        return kind.HidesValues ? SecretValues.Hide(item) : item;
    }

    private static JsonObject? Read(ServedKind kind, DataBody body) =>
        string.IsNullOrWhiteSpace(body.Data) ? null : ObjectDocument.Parse(body.Data);

    private static IResult Missing(ServedKind kind) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["data"] = [$"give the {kind.Kind.Kind} as YAML or JSON in data."] });

    private static async Task<IResult?> RefusalAsync(ControlPlane plane, ServedKind kind, string? ns, string? name, JsonObject item, CancellationToken cancellationToken)
    {
        var errors = ObjectIdentity.Fit(item, kind, ns, name);
        if (errors.Count == 0 && kind.IsPolicy)
        {
            errors = await PolicyValidator.ValidateAsync(plane, kind, item, cancellationToken);
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, detail: $"The {kind.Kind.Kind} is refused; nothing was changed.");
    }
}
