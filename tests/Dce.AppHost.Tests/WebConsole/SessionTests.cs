using System.Net;
using Dce.AppHost.Tests.ContainerManagement;
using Dce.Testing;
using Microsoft.Playwright;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>A console session that Global Management ends: the user is told, signs in again and lands where they were.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SessionTests(PlatformFixture platform, ConsoleBrowser browser)
{
    [Fact]
    public async Task A_session_whose_refresh_token_is_revoked_says_it_ended_and_signing_in_again_returns_to_the_same_page()
    {
        var user = $"session-{Guid.NewGuid().ToString("N")[..8]}";
        var password = $"Pw-{Guid.NewGuid():N}";
        using var admin = await PlatformApi.SignInAsync(platform);
        var id = (await admin.PostAsync($"{PlatformApi.Ghippo}/users", new { name = user, password })).Expect(HttpStatusCode.Created).Json.GetProperty("id").GetString();
        var page = await browser.SignInAsync(platform, user, password);
        var address = $"/?view=session-{user}";
        await page.GotoAsync(address);
        await ConsoleBrowser.WaitForInteractiveAsync(page);

        // A password set by an administrator revokes the user's tokens and refresh tokens everywhere.
        var changed = $"Pw-{Guid.NewGuid():N}";
        (await admin.PutAsync($"{PlatformApi.Ghippo}/users/{id}/password", new { password = changed })).Expect(HttpStatusCode.NoContent);

        // The next call the page makes is refused, the refresh too: the page sends the user to sign in, saying why. (Modules
        // trust a stamp they read for a moment, so the page is reloaded until the revocation reaches the gateway.)
        await Eventually.Until(async () =>
        {
            await page.ReloadAsync();
            return page.Url.Contains("/signin", StringComparison.Ordinal);
        }, "the console noticing the ended session");
        Assert.Contains($"returnUrl={Uri.EscapeDataString(address)}", page.Url, StringComparison.OrdinalIgnoreCase);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your session has ended");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Dce", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(changed);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith(address, page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
