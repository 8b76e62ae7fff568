using Dce.Console.Gateway;
using Dce.Console.Sessions;
using Microsoft.AspNetCore.Components;

namespace Dce.Console.Components;

/// <summary>
/// A page of the console: calls the platform through <see cref="Api"/>; a refusal becomes <see cref="Problem"/> (shown
/// where the page puts its <c>ProblemBanner</c>), and an ended session sends the user to sign in again, back here after.
/// </summary>
public abstract class ConsolePage : ComponentBase
{
    [Inject]
    protected PlatformApi Api { get; set; } = default!;

    [Inject]
    protected Permissions Permissions { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>The last refusal, cleared by the next call that succeeds.</summary>
    protected ApiProblem? Problem { get; set; }

    /// <summary>Runs <paramref name="work"/>; true when it completed without a refusal.</summary>
    protected async Task<bool> LoadAsync(Func<Task> work)
    {
        try
        {
            await work();
            Problem = null;
            return true;
        }
        catch (ApiException refused)
        {
            Problem = refused.Problem;
            return false;
        }
        catch (SessionEndedException)
        {
            SignInAgain();
            return false;
        }
    }

    /// <summary>Sends a change; a refusal is kept in <see cref="Problem"/> and answers false.</summary>
    protected async Task<ApiResult?> ChangeAsync(HttpMethod method, string path, object? body = null)
    {
        try
        {
            var result = await Api.SendAsync(method, path, body);
            Problem = result.Problem;
            return result;
        }
        catch (SessionEndedException)
        {
            SignInAgain();
            return null;
        }
    }

    protected void SignInAgain()
    {
        var returnUrl = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
        Navigation.NavigateTo($"/signin?expired=true&returnUrl={Uri.EscapeDataString(returnUrl)}", forceLoad: true);
    }
}
