using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services.Audit;
using Dce.GlobalManagement.Services.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.GlobalManagement.Apis;

/// <summary>Sign-in and token exchange: the only anonymous calls besides the identity provider's documents.</summary>
public static class SessionsApi
{
    public const string AccessKeyGrant = "urn:dce:params:oauth:grant-type:access-key";
    private const int MaxSecretLength = 512;

    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1).WithTags("Sessions").AllowAnonymous();
        api.MapPost("/login", LoginAsync)
            .Audited("login", "users").WithName("Login").WithSummary("Signs in with user name and password; answers an access token and a refresh token.");
        api.MapPost("/refresh-token", RefreshAsync)
            .Audited("refresh-token", "users").WithName("RefreshToken").WithSummary("Exchanges a refresh token for a new access token and refresh token.");
        api.MapPost("/oidc/token", TokenAsync)
            .Audited("token", "users").DisableAntiforgery()
            .WithName("OAuthToken").WithSummary("OAuth 2.0 token endpoint: password, refresh_token and access-key grants (form-encoded).");
        return app;
    }

    internal static async Task<Results<Ok<LoginResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        HttpContext http, LoginRequest request, SessionService sessions, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(!string.IsNullOrEmpty(request.Username) && request.Username.Length <= 63, "username", "username is required (at most 63 characters).")
            .Require(!string.IsNullOrEmpty(request.Password) && request.Password.Length <= MaxSecretLength, "password", "password is required.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var (session, refusal) = await sessions.SignInAsync(request.Username!, request.Password!, http.Connection.RemoteIpAddress, cancellationToken);
        return session is null
            ? Refused(refusal)
            : TypedResults.Ok(new LoginResponse(session.AccessToken.Token, session.RefreshToken, session.User.Name, session.AccessToken.ExpiresAt));
    }

    internal static async Task<Results<Ok<LoginResponse>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshTokenRequest request, SessionService sessions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > MaxSecretLength)
        {
            return new Validation().Require(false, "refreshToken", "refreshToken is required.").Problem();
        }

        var (session, refusal) = await sessions.RefreshAsync(request.RefreshToken, cancellationToken);
        return session is null
            ? Refused(refusal)
            : TypedResults.Ok(new LoginResponse(session.AccessToken.Token, session.RefreshToken, session.User.Name, session.AccessToken.ExpiresAt));
    }

    internal static async Task<Results<Ok<OAuthTokenResponse>, ValidationProblem, ProblemHttpResult>> TokenAsync(
        HttpRequest request, SessionService sessions, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return new Validation().Require(false, "grant_type", "Send the token request form-encoded (application/x-www-form-urlencoded).").Problem();
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var grant = form["grant_type"].ToString();
        (Session? Session, SessionRefusal Refusal) outcome = grant switch
        {
            "password" when Present(form["username"]) && Present(form["password"]) =>
                await sessions.SignInAsync(form["username"].ToString(), form["password"].ToString(), request.HttpContext.Connection.RemoteIpAddress, cancellationToken),
            "refresh_token" when Present(form["refresh_token"]) =>
                await sessions.RefreshAsync(form["refresh_token"].ToString(), cancellationToken),
            AccessKeyGrant when Present(form["access_key"]) =>
                await sessions.ExchangeAccessKeyAsync(form["access_key"].ToString(), cancellationToken),
            _ => (null, SessionRefusal.None),
        };
        if (outcome.Session is not { } session)
        {
            return outcome.Refusal == SessionRefusal.None
                ? new Validation().Require(false, "grant_type", $"grant_type is password (with username, password), refresh_token (with refresh_token) or {AccessKeyGrant} (with access_key).").Problem()
                : Refused(outcome.Refusal);
        }

        var expiresIn = (int)Math.Max(0, (session.AccessToken.ExpiresAt - DateTimeOffset.UtcNow).TotalSeconds);
        return TypedResults.Ok(new OAuthTokenResponse(session.AccessToken.Token, "Bearer", expiresIn, session.RefreshToken));
    }

    private static bool Present(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Count == 1 && value[0] is { Length: > 0 and <= MaxSecretLength };

    /// <summary>423: too many wrong passwords for this user from this address, or from this address altogether.</summary>
    internal static ProblemHttpResult Locked() => TypedResults.Problem(
        "Too many failed sign-ins from this address: the account is locked here for a while. Try again later or ask an administrator to reset the password.",
        statusCode: StatusCodes.Status423Locked, title: "Account locked");

    private static ProblemHttpResult Refused(SessionRefusal refusal) => refusal switch
    {
        SessionRefusal.Locked => Locked(),
        SessionRefusal.Disabled => Problems.Forbidden("The account is disabled. Ask an administrator to enable it."),
        _ => Problems.Unauthorized("The credentials are not valid."),
    };
}
