using Microsoft.AspNetCore.Components.Authorization;

namespace Dce.Console.Sessions;

/// <summary>The session of the user a page is rendered for (one per circuit), read from Redis when first needed.</summary>
public sealed class CurrentSession(AuthenticationStateProvider authentication, SessionStore store)
{
    public async Task<ConsoleSession> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var id = state.User.FindFirst(ConsoleSession.IdClaim)?.Value ?? throw new SessionEndedException();
        return await store.FindAsync(id) ?? throw new SessionEndedException();
    }

    public async Task<string> UsernameAsync() => (await authentication.GetAuthenticationStateAsync()).User.Identity?.Name ?? "";
}

/// <summary>The session is gone (signed out elsewhere, expired, or the refresh was refused): the user signs in again.</summary>
public sealed class SessionEndedException() : Exception("Your session has ended. Sign in again to continue.");
