using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using static Dce.ContainerManagement.Apis.Resources.ResourceRoutes;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// The Secrets of a namespace at DCE's paths and in DCE's shapes. Values leave masked (<c>******</c>) from every path —
/// object, list, JSON, and the answers of create, replace and patch — unless the caller asks with <c>revealValues=true</c>
/// and holds the <c>secret-values</c> permission there. A Secret holding a service account's token is a credential of
/// that account: creating one needs the <c>serviceaccounts</c> permission too, by YAML as by the form.
/// </summary>
public static class SecretsApi
{
    internal const string Resource = "secrets";
    internal const string ServiceAccountTokenType = "kubernetes.io/service-account-token";

    internal static readonly ServedResource Served = new(ResourceKinds.Secrets, "secrets", Resource, Crud | Patch | ListInCluster, "Secrets");

    public static IEndpointRouteBuilder MapSecretsApi(this IEndpointRouteBuilder app)
    {
        var cluster = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}").WithMetadata(Served).WithTags("Secrets");
        cluster.MapGet("/secrets", ListInClusterAsync).WithName("ListClusterSecrets")
            .WithSummary("Lists the secrets of every namespace of the cluster the caller may see, values masked unless revealValues=true is allowed there.");
        var api = cluster.MapGroup("/namespaces/{namespace}");
        api.MapGet("/secrets", ListAsync).RequireClusterPermission("list", Resource).WithName("ListSecrets").WithSummary("Lists secrets, values masked unless revealValues=true is allowed.");
        api.MapGet("/secrets/{name}", GetAsync).RequireClusterPermission("get", Resource).WithName("GetSecret").WithSummary("A secret, values masked unless revealValues=true is allowed.");
        api.MapGet("/secrets/{name}/json", GetJsonAsync).RequireClusterPermission("get", Resource).WithName("GetSecretJSON")
            .WithSummary("The secret as JSON text in data, values masked unless revealValues=true is allowed.");
        api.MapGet("/secrets/{secret}/related", RelatedAsync).RequireClusterPermission("get", Resource).WithName("ListSecretRelatedWorkloads")
            .WithSummary("The pods, Deployments, StatefulSets, DaemonSets and Jobs of the namespace that use the secret.");
        api.MapPost("/secrets", CreateAsync).Audited("create", Resource).RequireClusterPermission("create", Resource).WithName("CreateSecret")
            .WithSummary("Creates a secret from {\"data\": \"<YAML or JSON>\"} or the form (name, data, labels, type); the answer masks its values.");
        api.MapPut("/secrets/{name}", UpdateAsync).Audited("update", Resource).RequireClusterPermission("update", Resource).WithName("UpdateSecret")
            .WithSummary("Replaces a secret with {\"data\": \"<YAML or JSON>\"}, or its values with the form's; the answer masks them.");
        api.MapPatch("/secrets/{name}/json", PatchAsync).Audited("patch", Resource).RequireClusterPermission("patch", Resource).WithName("PatchSecret")
            .WithSummary("Patches a secret: {\"data\": {key: text}} sets those values; {\"data\": \"<patch>\"} applies a patch. The answer masks the values.");
        api.MapDelete("/secrets/{name}", ResourceHandlers.DeleteAsync).Audited("delete", Resource).RequireClusterPermission("delete", Resource).WithName("DeleteSecret").WithSummary("Deletes a secret.");
        return app;
    }

    internal static async Task<IResult> ListAsync([AsParameters] TargetCluster cluster, string @namespace, [AsParameters] ObjectPage page, string? type,
        bool? revealValues, HttpContext http, CancellationToken cancellationToken)
    {
        if (revealValues == true && !await MayRevealAsync(http, cluster.Name, @namespace))
        {
            return RevealRefused(cluster.Name, @namespace);
        }

        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var items = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, @namespace, page.LabelSelector, page.FieldSelector, cancellationToken);
        var shown = ResourceHandlers.Stamped(items, cluster.Name).Where(s => OfType(s, type)).Select(s => SecretMask.Apply(s, revealValues == true, decode: true));
        return DceJson.Ok(page.Of(shown));
    }

    internal static async Task<IResult> ListInClusterAsync([AsParameters] TargetCluster cluster, [AsParameters] ObjectPage page, string? type, bool? revealValues,
        HttpContext http, CancellationToken cancellationToken)
    {
        var answer = await ResourceHandlers.ListInClusterAsync(Served, cluster, page with { Page = 1, PageSize = -1 }, http, cancellationToken);
        if (answer is not DceJson { Value: JsonObject all })
        {
            return answer;
        }

        var revealIn = revealValues == true ? await http.ClusterScopeAsync("get", "secret-values") : ClusterScope.None;
        var shown = (all["items"] as JsonArray ?? []).OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone()).Where(s => OfType(s, type))
            .Select(s => SecretMask.Apply(s, revealIn.CoversNamespace(cluster.Name, s["metadata"]?["namespace"]?.ToString() ?? ""), decode: true));
        return DceJson.Ok(page.Of(shown));
    }

    internal static async Task<IResult> GetAsync([AsParameters] TargetCluster cluster, string @namespace, string name, bool? revealValues, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (revealValues == true && !await MayRevealAsync(http, cluster.Name, @namespace))
        {
            return RevealRefused(cluster.Name, @namespace);
        }

        var secret = await ResourceClient.GetAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, @namespace, name, cancellationToken);
        return DceJson.Ok(SecretMask.Apply(ResourceHandlers.Stamp(secret, cluster.Name), revealValues == true, decode: true));
    }

    internal static async Task<IResult> GetJsonAsync([AsParameters] TargetCluster cluster, string @namespace, string name, bool? revealValues, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (revealValues == true && !await MayRevealAsync(http, cluster.Name, @namespace))
        {
            return RevealRefused(cluster.Name, @namespace);
        }

        var secret = await ResourceClient.GetAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, @namespace, name, cancellationToken);
        return DceJson.Ok(new JsonObject { ["data"] = SecretMask.Apply(secret, revealValues == true).ToJsonString() });
    }

    internal static async Task<IResult> CreateAsync([AsParameters] TargetCluster cluster, string @namespace, JsonElement body, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        if (FormOrData.DceBody(body) is { } data)
        {
            return await TokenRefusedAsync(http, cluster.Name, @namespace, TypeOf(data)) ?? Masked(await ResourceHandlers.CreateAsync(Served, cluster, data, http, record, cancellationToken));
        }

        var (form, problem) = FormOrData.Form<DataRequest>(body);
        if (problem is not null)
        {
            return problem;
        }

        if (form!.Validate(requireName: true) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        if (await TokenRefusedAsync(http, cluster.Name, @namespace, form.Type) is { } refused)
        {
            return refused;
        }

        await SecretOperations.CreateAsync(await cluster.ClientAsync(cancellationToken), @namespace, form.Name!, form.Data!, form.Type ?? "Opaque", cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, @namespace, form.Name!, "created");
        var created = await ResourceClient.GetAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, @namespace, form.Name!, cancellationToken);
        return new DceJson(new JsonObject { ["data"] = SecretMask.Apply(created, reveal: false).ToJsonString() }, StatusCodes.Status201Created);
    }

    internal static async Task<IResult> UpdateAsync([AsParameters] TargetCluster cluster, string @namespace, string name, JsonElement body, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        if (FormOrData.DceBody(body) is { } data)
        {
            return await TokenRefusedAsync(http, cluster.Name, @namespace, TypeOf(data)) ?? Masked(await ResourceHandlers.UpdateAsync(Served, cluster, name, data, http, record, cancellationToken));
        }

        var (form, problem) = FormOrData.Form<DataRequest>(body);
        if (problem is not null)
        {
            return problem;
        }

        if (form!.Validate(requireName: false) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        await SecretOperations.UpdateAsync(await cluster.ClientAsync(cancellationToken), @namespace, name, form.Data!, cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, @namespace, name, "updated");
        var replaced = await ResourceClient.GetAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, @namespace, name, cancellationToken);
        return DceJson.Ok(new JsonObject { ["data"] = SecretMask.Apply(replaced, reveal: false).ToJsonString() });
    }

    internal static async Task<IResult> PatchAsync([AsParameters] TargetCluster cluster, string @namespace, string name, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        var (patch, format, problem) = await ValuesPatch.ReadAsync(http.Request, Served, values => new JsonObject
        {
            ["data"] = new JsonObject(values.Select(p => KeyValuePair.Create(p.Key,
                p.Value is null ? null : (JsonNode?)Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value.GetValue<string>()))))),
        }, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var patched = await ResourceClient.PatchAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, @namespace, name, patch!, format, cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, @namespace, name, "patched");
        return DceJson.Ok(new JsonObject { ["data"] = SecretMask.Apply(patched, reveal: false).ToJsonString() });
    }

    internal static async Task<IResult> RelatedAsync([AsParameters] TargetCluster cluster, string @namespace, string secret, HttpContext http,
        CancellationToken cancellationToken) =>
        DceJson.Ok(await ConfigMapsApi.UsersOfAsync(http, cluster, @namespace, secret, secret: true, cancellationToken));

    /// <summary>The answer of a create or replace, <c>{"data": "&lt;the object&gt;"}</c>, with the object's values masked.</summary>
    private static IResult Masked(IResult answer)
    {
        if (answer is DceJson { Value: JsonObject { } value } json && value["data"]?.GetValueKind() == JsonValueKind.String
            && JsonNode.Parse(value["data"]!.GetValue<string>()) is JsonObject secret)
        {
            return new DceJson(new JsonObject { ["data"] = SecretMask.Apply(secret, reveal: false).ToJsonString() }, json.StatusCode ?? StatusCodes.Status200OK);
        }

        return answer;
    }

    /// <summary>The type a YAML or JSON body gives its Secret (null when it is unreadable: the create refuses it then).</summary>
    private static string? TypeOf(DataBody body)
    {
        try
        {
            return ObjectDocument.Parse(body.Data ?? "")["type"]?.ToString();
        }
        catch (ManifestShapeException)
        {
            return null;
        }
    }

    private static async Task<IResult?> TokenRefusedAsync(HttpContext http, string cluster, string ns, string? type)
    {
        if (!string.Equals(type, ServiceAccountTokenType, StringComparison.Ordinal))
        {
            return null;
        }

        var request = new ClusterAccessRequest("create", ServiceAccountsApi.Resource, cluster, ns);
        return await http.IsClusterActionAllowedAsync(request)
            ? null
            : Problems.Forbidden($"A Secret of type {ServiceAccountTokenType} holds a service account's token. {ClusterPermissionCheck.RefusalDetail(request)}");
    }

    private static bool OfType(JsonObject secret, string? type) =>
        string.IsNullOrEmpty(type) || string.Equals(secret["type"]?.ToString() ?? "Opaque", type, StringComparison.Ordinal);

    private static async Task<bool> MayRevealAsync(HttpContext http, string cluster, string ns)
    {
        var scope = await http.ClusterScopeAsync("get", "secret-values");
        return scope.CoversNamespace(cluster, ns);
    }

    private static IResult RevealRefused(string cluster, string ns) =>
        Problems.Forbidden($"You may not read secret values in {cluster}/{ns}; ask without revealValues to see them masked.");
}
