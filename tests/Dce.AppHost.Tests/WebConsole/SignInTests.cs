using System.Net;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>Signing in and out of the console through the gateway, and what the browser is (not) given.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SignInTests(PlatformFixture platform, ConsoleBrowser browser)
{
    [Fact]
    public async Task A_user_signs_in_sees_the_overview_and_the_browser_holds_no_token()
    {
        var page = await browser.SignInAsync(platform);
        await Assertions.Expect(page.GetByTestId("cluster-count")).Not.ToHaveTextAsync("0");

        var cookies = await page.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "dce-console");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        var readable = await page.EvaluateAsync<string>("() => document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
        Assert.DoesNotContain("eyJ", readable, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_message_and_no_session()
    {
        var context = await browser.NewContextAsync(platform);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not correct");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "dce-console");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_its_cookie_opens_nothing_afterwards()
    {
        var page = await browser.SignInAsync(platform);
        var stolen = (await page.Context.CookiesAsync()).Single(c => c.Name == "dce-console");
        await page.GetByText("admin", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();

        // The cookie copied before signing out is worth nothing now: the session it names is gone.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = platform.App.GetEndpoint("gateway", "http") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $"{stolen.Name}={stolen.Value}");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_and_refuse_framing_and_a_cross_site_sign_in_post()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = platform.App.GetEndpoint("gateway", "http") };
        using var page = await client.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);

        // A form posted from another site carries no antiforgery token: refused before any password is checked.
        using var forged = await client.PostAsync("/console/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin",
            ["password"] = PlatformFixture.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Set-Cookie") && forged.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("dce-console=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_address_no_page_claims_answers_404_with_a_page_that_leads_back()
    {
        var page = await browser.SignInAsync(platform);
        var response = await page.GotoAsync("/no-such-page/here");
        Assert.Equal(404, response?.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to the overview." }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("cluster-count")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
