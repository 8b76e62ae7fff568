using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Identity;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.GlobalManagement.Apis;

/// <summary>The one authorization question every module asks: may this subject do this action on this resource type here? And its inverse for clusters: where may it?</summary>
public static class AuthorizationApi
{
    public static IEndpointRouteBuilder MapAuthorizationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(GlobalManagementApi.CheckPath, CheckAsync).WithTags("Authorization").WithName("CheckAccess")
            .WithSummary("Answers whether the caller (or, for IAM owners, another user) may do an action on a resource type in a workspace, folder, cluster, namespace or the platform.");
        app.MapPost(GlobalManagementApi.ScopePath, ScopeAsync).WithTags("Authorization").WithName("AccessScope")
            .WithSummary("Lists the clusters and namespaces where the caller may do an action on a resource type.");
        return app;
    }

    internal static async Task<Results<Ok<AccessCheckResponse>, ValidationProblem, ProblemHttpResult>> CheckAsync(
        HttpContext http, AccessCheckRequest request, AccessDecisions decisions, SecurityStampMirror stamps, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Name("module", request.Module)
            .Name("resourceType", request.ResourceType)
            .Name("action", request.Action)
            .Require(request.WorkspaceId is null || request.FolderId is null, "workspaceId", "Ask about a workspace or a folder, not both.")
            .Require(request.Cluster is null || (request.WorkspaceId is null && request.FolderId is null), "cluster",
                "Ask about a cluster (and namespace) or about a workspace or folder, not both.")
            .Require(request.Namespace is null || request.Cluster is not null, "namespace", "Name the cluster the namespace belongs to.");
        if (request.Cluster is not null)
        {
            validation.Name("cluster", request.Cluster);
        }

        if (request.Namespace is not null)
        {
            validation.Name("namespace", request.Namespace);
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (http.User.UserId() is not { } caller)
        {
            return Problems.Unauthorized("The token names no user.");
        }

        var subject = request.SubjectId ?? caller;
        if (subject != caller && !await decisions.IsAllowedAsync(caller, AccessQuestion.Platform("rolebindings", "get"), cancellationToken))
        {
            return Problems.Forbidden("Only administrators and IAM owners may ask about another user.");
        }

        if (!await stamps.IsActiveAsync(subject))
        {
            return TypedResults.Ok(new AccessCheckResponse(false));
        }

        var question = new AccessQuestion(request.Module!, request.ResourceType!, request.Action!, request.WorkspaceId, request.FolderId, request.Cluster, request.Namespace);
        return TypedResults.Ok(new AccessCheckResponse(await decisions.IsAllowedAsync(subject, question, cancellationToken)));
    }

    internal static async Task<Results<Ok<ClusterScope>, ValidationProblem, ProblemHttpResult>> ScopeAsync(
        HttpContext http, AccessScopeRequest request, AccessDecisions decisions, SecurityStampMirror stamps, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Name("module", request.Module)
            .Name("resourceType", request.ResourceType)
            .Name("action", request.Action);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (http.User.UserId() is not { } caller)
        {
            return Problems.Unauthorized("The token names no user.");
        }

        if (!await stamps.IsActiveAsync(caller))
        {
            return TypedResults.Ok(ClusterScope.None);
        }

        return TypedResults.Ok(await decisions.ClusterScopeAsync(caller, request.Module!, request.ResourceType!, request.Action!, cancellationToken));
    }
}
