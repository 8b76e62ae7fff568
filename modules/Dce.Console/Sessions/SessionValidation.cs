using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Dce.Console.Sessions;

/// <summary>A cookie is good only while its session exists: signing out anywhere, or the session's end, ends it everywhere.</summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirst(ConsoleSession.IdClaim)?.Value;
        var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        if (id is null || await store.FindAsync(id) is null)
        {
            // The cookie is left in place (it opens nothing now): the next page it reaches is told the session ended.
            context.RejectPrincipal();
            return;
        }

        await store.TouchAsync(id);
    }

    /// <summary>
    /// Sends a browser without a valid session to sign in, back to this address after; one that still carries the session
    /// cookie had a session that ended (revoked, signed out elsewhere, expired), and is told so.
    /// </summary>
    public static Task RedirectToSignInAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var ended = context.Request.Cookies.ContainsKey(ConsoleSession.CookieName) ? "expired=true&" : "";
        var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        context.Response.Redirect($"{SignInEndpoints.SignInPage}?{ended}returnUrl={Uri.EscapeDataString(returnUrl)}");
        return Task.CompletedTask;
    }
}
