using Dce.ServiceDefaults.Idempotency;
using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Audit;
using Dce.GlobalManagement.Services.Identity;
using Dce.GlobalManagement.Services.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Apis;

/// <summary>The signed-in user: who am I, and my personal access keys.</summary>
public static class CurrentUserApi
{
    public static readonly TimeSpan MaxAccessKeyLifetime = TimeSpan.FromDays(366);

    public static IEndpointRouteBuilder MapCurrentUserApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/current-user").WithTags("Current user");
        api.MapGet("", GetAsync).WithName("GetCurrentUser").WithSummary("Who the token belongs to, with its platform roles.");
        api.MapPut("/password", ChangePasswordAsync).Audited("change-password", "users")
            .WithName("ChangeCurrentUserPassword").WithSummary("Changes the caller's own password, given the current one; every token, refresh token and access key of the caller is revoked.");
        api.MapPost("/accesstoken", CreateAccessKeyAsync).Audited("create", "accesskeys").KeepsNoIdempotentResponse()
            .WithName("CreateAccessToken").WithSummary("Creates a personal access key with an expiry; needs a password sign-in of the last few minutes; the key is shown only in this answer.");
        api.MapGet("/accesstokens", ListAccessKeysAsync).WithName("ListAccessTokens").WithSummary("Lists the caller's personal access keys (never the keys themselves).");
        api.MapDelete("/accesstokens/{id:guid}", DeleteAccessKeyAsync).Audited("delete", "accesskeys")
            .WithName("DeleteAccessToken").WithSummary("Revokes one of the caller's personal access keys.");
        return app;
    }

    internal static async Task<Results<Ok<CurrentUserView>, ProblemHttpResult>> GetAsync(HttpContext http, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        if (http.User.UserId() is not { } id || await services.Db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken) is not { } user)
        {
            return Problems.Unauthorized("The token's user does not exist.");
        }

        var roles = await UserRolesApi.PlatformRolesOfAsync(services, SubjectKind.User, id, cancellationToken);
        return TypedResults.Ok(new CurrentUserView(user.Id, user.Name, user.Email, roles));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePasswordAsync(
        HttpContext http, ChangePasswordRequest request, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        if (http.User.UserId() is not { } id || await services.Db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) is not { } user)
        {
            return Problems.Unauthorized("The token's user does not exist.");
        }

        if (string.IsNullOrEmpty(request.OldPassword) || request.OldPassword.Length > PasswordPolicy.MaxLength)
        {
            return new Validation().Require(false, "oldPassword", "oldPassword is not the current password.").Problem();
        }

        // A stolen token must not become a way around the sign-in lockout: the current password is guessed under its limits.
        if (await services.Lockout.TryBeginAsync(user, http.Connection.RemoteIpAddress) is not { } attempt)
        {
            return SessionsApi.Locked();
        }

        if (!services.Passwords.Verify(user, request.OldPassword))
        {
            return new Validation().Require(false, "oldPassword", "oldPassword is not the current password.").Problem();
        }

        await services.Lockout.SucceededAsync(attempt);
        if (services.Policy.Check(request.NewPassword, user.Name) is { } weak)
        {
            return new Validation().Require(false, "newPassword", weak).Problem();
        }

        user.PasswordHash = services.Passwords.Hash(user, request.NewPassword!);
        user.UpdatedAt = services.Time.GetUtcNow();
        await services.Revocation.RevokeAsync(user, cancellationToken);
        services.Audit.Describe(user.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Revocation.PublishAsync(user);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Created<CreateAccessKeyResponse>, ValidationProblem, ProblemHttpResult>> CreateAccessKeyAsync(
        HttpContext http, CreateAccessKeyRequest request, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        var validation = new Validation()
            .Name("name", request.Name)
            .Require(request.ExpiredAt is { } expiry && expiry > now && expiry - now <= MaxAccessKeyLifetime, "expiredAt", "expiredAt must be in the future and at most 366 days away.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (http.User.UserId() is not { } userId)
        {
            return Problems.Unauthorized("The token names no user.");
        }

        var recent = TimeSpan.FromMinutes(services.Identity.Value.RecentSignInMinutes);
        if (!SignedInRecently(http.User, now, recent))
        {
            return Problems.Forbidden($"Sign in again to create an access key: it needs a password sign-in of the last {recent.TotalMinutes:0} minutes.");
        }

        var secret = TokenHashing.NewSecret("dcek_");
        var key = new AccessKey { UserId = userId, Name = request.Name!, TokenHash = TokenHashing.Hash(secret), CreatedAt = now, ExpiresAt = request.ExpiredAt!.Value };
        services.Db.AccessKeys.Add(key);
        services.Audit.Describe(key.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        return TypedResults.Created($"{ApiPaths.V1Alpha1}/current-user/accesstokens/{key.Id}", new CreateAccessKeyResponse(key.Id, secret, key.ExpiresAt));
    }

    /// <summary>Whether the token's password sign-in (<c>auth_time</c>; tokens from an access key have none) is recent enough.</summary>
    private static bool SignedInRecently(System.Security.Claims.ClaimsPrincipal caller, DateTimeOffset now, TimeSpan recent) =>
        long.TryParse(caller.FindFirst(TokenIssuer.AuthTimeClaim)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        && now - DateTimeOffset.FromUnixTimeSeconds(seconds) <= recent;

    internal static async Task<Ok<IReadOnlyList<AccessKeyView>>> ListAccessKeysAsync(HttpContext http, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        var userId = http.User.UserId();
        var keys = await services.Db.AccessKeys.AsNoTracking().Where(k => k.UserId == userId).OrderBy(k => k.CreatedAt)
            .Select(k => new AccessKeyView(k.Id, k.Name, k.CreatedAt, k.ExpiresAt, k.LastUsedAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AccessKeyView>>(keys);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAccessKeyAsync(HttpContext http, Guid id, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        var userId = http.User.UserId();
        if (await services.Db.AccessKeys.FirstOrDefaultAsync(k => k.Id == id && k.UserId == userId, cancellationToken) is not { } key)
        {
            return Problems.NotFound($"Access key {id}");
        }

        services.Db.AccessKeys.Remove(key);
        services.Audit.Describe(key.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        return TypedResults.NoContent();
    }
}
