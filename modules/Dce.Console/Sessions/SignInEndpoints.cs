using System.Security.Claims;
using System.Text.Json;
using Dce.Console.Gateway;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Dce.Console.Sessions;

/// <summary>
/// Sign-in and sign-out as plain form posts (antiforgery-checked): the password goes to Global Management's login through
/// the gateway, the tokens it answers go into a new session, and the browser gets only the session's HttpOnly cookie.
/// </summary>
public static class SignInEndpoints
{
    public const string SignInPage = "/signin";
    public const string SignInPath = "/console/signin";
    public const string SignOutPath = "/console/signout";

    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(SignInPath, SignInAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(SignOutPath, SignOutAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IHttpClientFactory clients, SessionStore sessions, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return ForgedForm();
        }

        var form = await http.Request.ReadFormAsync();
        var username = form["username"].ToString();
        var password = form["password"].ToString();
        var returnUrl = LocalOrHome(form["returnUrl"].ToString());
        if (username.Length == 0 || password.Length == 0)
        {
            return Back("Enter your user name and password.", returnUrl);
        }

        using var client = clients.CreateClient(PlatformApi.ClientName);
        using var response = await client.PostAsJsonAsync("/apis/ghippo.io/v1alpha1/login", new { username, password }, http.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await ApiProblem.ReadAsync(response, http.RequestAborted);
            return Back(problem.Status == 401 ? "The user name or password is not correct." : problem.Message, returnUrl);
        }

        var login = await response.Content.ReadFromJsonAsync<LoginAnswer>(JsonSerializerOptions.Web, http.RequestAborted)
            ?? throw new InvalidOperationException("Global Management answered an empty login.");
        var session = new ConsoleSession(SessionStore.NewId(), login.Username, login.IdToken, login.RefreshToken, login.ExpiresAt);
        await sessions.SaveAsync(session);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, session.Username), new Claim(ConsoleSession.IdClaim, session.Id)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, SessionStore sessions, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return ForgedForm();
        }

        if (http.User.FindFirst(ConsoleSession.IdClaim)?.Value is { } id)
        {
            await sessions.RemoveAsync(id);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect($"{SignInPage}?signedOut=true");
    }

    // A form without this site's antiforgery token was posted from elsewhere (or from a stale page).
    private static IResult ForgedForm() =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired or did not come from this site.",
            detail: "Reload the page and submit it again.");

    private static IResult Back(string error, string returnUrl) =>
        Results.LocalRedirect($"{SignInPage}?error={Uri.EscapeDataString(error)}&returnUrl={Uri.EscapeDataString(returnUrl)}");

    // Only a path of this site: never an absolute or protocol-relative address an attacker could send a user to.
    internal static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    private sealed record LoginAnswer(string IdToken, string? RefreshToken, string Username, DateTimeOffset ExpiresAt);
}
