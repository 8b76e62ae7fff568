using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Mvc;
using static Dce.ContainerManagement.Apis.Resources.ResourceRoutes;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// ServiceAccounts at DCE's paths. Their own permission guards them (the namespace administrator holds it, the editor
/// does not): an account's token is a credential.
/// </summary>
public static class ServiceAccountsApi
{
    internal const string Resource = "serviceaccounts";

    internal static readonly ServedResource Served = new(ResourceKinds.ServiceAccounts, "serviceaccounts", Resource, Create | Get | Delete | ListInCluster | Update, "ServiceAccounts");

    public static IEndpointRouteBuilder MapServiceAccountsApi(this IEndpointRouteBuilder app)
    {
        var cluster = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}").WithMetadata(Served).WithTags("ServiceAccounts");
        cluster.MapGet("/serviceaccounts", ListInClusterAsync).WithName("ListServiceAccounts")
            .WithSummary("Lists the service accounts of every namespace of the cluster the caller may see (one namespace with namespace=).");
        cluster.MapPut("/serviceaccounts/{name}", UpdateAsync).Audited("update", Resource).WithName("UpdateServiceAccount")
            .WithSummary("Replaces a service account: {\"namespace\": \"...\", \"data\": \"<YAML or JSON>\"}; needs update serviceaccounts in that namespace.")
            .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes));
        var api = cluster.MapGroup("/namespaces/{namespace}");
        api.MapPost("/serviceaccounts", ResourceHandlers.CreateAsync).Audited("create", Resource).RequireClusterPermission("create", Resource).WithName("CreateServiceAccount")
            .WithSummary("Creates a service account from {\"data\": \"<YAML or JSON>\"}.");
        api.MapGet("/serviceaccounts/{name}", ResourceHandlers.GetAsync).RequireClusterPermission("get", Resource).WithName("GetServiceAccount").WithSummary("A service account.");
        api.MapDelete("/serviceaccounts/{name}", ResourceHandlers.DeleteAsync).Audited("delete", Resource).RequireClusterPermission("delete", Resource).WithName("DeleteServiceAccount")
            .WithSummary("Deletes a service account.");
        return app;
    }

    /// <summary>DCE's clients send the namespace as <c>namesapce</c> (sic); <c>namespace</c> is taken too.</summary>
    internal static async Task<IResult> ListInClusterAsync([AsParameters] TargetCluster cluster, [AsParameters] ObjectPage page,
        [FromQuery(Name = "namesapce")] string? misspelled, [FromQuery(Name = "namespace")] string? @namespace, HttpContext http, CancellationToken cancellationToken)
    {
        var ns = string.IsNullOrEmpty(@namespace) ? misspelled : @namespace;
        if (string.IsNullOrEmpty(ns))
        {
            return await ResourceHandlers.ListInClusterAsync(Served, cluster, page, http, cancellationToken);
        }

        var inNamespace = $"metadata.namespace={ns}";
        return await ResourceHandlers.ListInClusterAsync(Served, cluster,
            page with { FieldSelector = string.IsNullOrEmpty(page.FieldSelector) ? inNamespace : $"{page.FieldSelector},{inNamespace}" }, http, cancellationToken);
    }

    internal static async Task<IResult> UpdateAsync([AsParameters] TargetCluster cluster, string name, NamespacedDataBody body, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Namespace))
        {
            return new Validation().Require(false, "namespace", "namespace is required: the namespace of the service account.").Problem();
        }

        var request = new ClusterAccessRequest("update", Resource, cluster.Name, body.Namespace);
        if (!await http.IsClusterActionAllowedAsync(request))
        {
            return Problems.Forbidden(ClusterPermissionCheck.RefusalDetail(request));
        }

        var (account, problem) = ObjectBody.Read(Served, new DataBody(body.Data), body.Namespace, name);
        if (problem is not null)
        {
            return problem;
        }

        var client = await cluster.ClientAsync(cancellationToken);
        if (account!["metadata"]?["resourceVersion"] is null)
        {
            var current = await ResourceClient.GetAsync(client, Served.Kind, body.Namespace, name, cancellationToken);
            account["metadata"]!["resourceVersion"] = current["metadata"]?["resourceVersion"]?.ToString();
        }

        var replaced = await ResourceClient.ReplaceAsync(client, Served.Kind, body.Namespace, name, account, cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, body.Namespace, name, "updated");
        return DceJson.Ok(new JsonObject { ["data"] = replaced.ToJsonString() });
    }
}

/// <summary>DCE's body for replacing an object whose path names no namespace: the namespace and the object as YAML or JSON text.</summary>
public sealed record NamespacedDataBody(string? Namespace, string? Data);
