using System.Net;
using System.Net.WebSockets;
using Aspire.Hosting.Testing;
using Dce.AppHost.Tests.ContainerManagement;
using Microsoft.Playwright;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>
/// The console as an attacker sees it: another site cannot open an interactive connection or post a form in a signed-in
/// user's name, cannot frame a page, cannot read the session; a refusal is explained; tokens never reach the logs.
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Security")]
public sealed class SecurityTests(PlatformFixture platform, ConsoleBrowser browser)
{
    private const string OtherSite = "http://attacker.example";

    [Fact]
    public async Task Another_site_cannot_open_an_interactive_connection_with_the_users_cookie()
    {
        var page = await browser.SignInAsync(platform);
        var cookies = string.Join("; ", (await page.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        using var client = Gateway();

        using var ownSite = await NegotiateAsync(client, cookies, client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.OK, ownSite.StatusCode);
        using var otherSite = await NegotiateAsync(client, cookies, OtherSite);
        Assert.Equal(HttpStatusCode.Forbidden, otherSite.StatusCode);

        // The websocket itself, opened from the other site's page, is refused as well.
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", OtherSite);
        socket.Options.SetRequestHeader("Cookie", cookies);
        var address = new UriBuilder(client.BaseAddress) { Scheme = "ws", Path = "/_blazor", Query = "id=forged" }.Uri;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(address, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task No_page_may_be_framed_and_the_cookies_are_out_of_reach_of_scripts_and_other_sites()
    {
        var page = await browser.SignInAsync(platform);
        foreach (var address in new[] { "/", "/signin", $"/no-such-page-{Guid.NewGuid():N}" })
        {
            var answer = await page.APIRequest.GetAsync(address);
            Assert.Equal("DENY", answer.Headers["x-frame-options"]);
            Assert.Contains("frame-ancestors 'none'", answer.Headers["content-security-policy"], StringComparison.Ordinal);
        }

        // A page of another site that frames the console gets nothing shown: Chromium refuses to render it.
        var attacker = await page.Context.NewPageAsync();
        await attacker.RouteAsync($"{OtherSite}/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"<iframe id='console' src='{platform.App.GetEndpoint("gateway", "http")}'></iframe>",
        }));
        await attacker.GotoAsync($"{OtherSite}/");
        var framed = attacker.Frames.FirstOrDefault(frame => frame != attacker.MainFrame);
        Assert.True(framed is null || await framed.GetByText("Sign in to Dce").CountAsync() + await framed.GetByText("Overview").CountAsync() == 0,
            $"the console rendered inside another site's frame ({framed?.Url})");

        foreach (var name in new[] { "dce-console", "dce-console-csrf" })
        {
            var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == name);
            Assert.True(cookie.HttpOnly, name);
            Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_needs_the_forms_antiforgery_token_so_another_site_cannot_sign_a_user_out()
    {
        var page = await browser.SignInAsync(platform);
        var cookies = string.Join("; ", (await page.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        using var client = Gateway();

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/console/signout") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Cookie", cookies);
        forged.Headers.Add("Origin", OtherSite);
        using var refused = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        // The session is untouched: the user's page still loads signed in.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_refusal_by_the_api_is_explained_on_the_page_not_shown_as_an_error()
    {
        var user = $"plain-{Guid.NewGuid().ToString("N")[..8]}";
        var password = $"Pw-{Guid.NewGuid():N}";
        using (var admin = await PlatformApi.SignInAsync(platform))
        {
            (await admin.PostAsync($"{PlatformApi.Ghippo}/users", new { name = user, password })).Expect(HttpStatusCode.Created);
        }

        // A user without a platform role may not list users: the API says 403, the users page says what to do.
        using (var plain = await PlatformApi.SignInAsync(platform, user, password))
        {
            (await plain.GetAsync($"{PlatformApi.Ghippo}/users")).Expect(HttpStatusCode.Forbidden);
        }

        var page = await browser.SignInAsync(platform, user, password);
        await page.GotoAsync("/users");
        var problem = page.GetByTestId("problem").First;
        await Assertions.Expect(problem).ToContainTextAsync("You are not allowed to do this");
        await Assertions.Expect(problem).ToContainTextAsync("Ask an administrator");
        await Assertions.Expect(page.GetByText("Something went wrong")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_console_never_writes_a_token_to_its_log()
    {
        var page = await browser.SignInAsync(platform);
        await page.ReloadAsync();
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await page.Context.CloseAsync();

        var log = await ResourceLogs.ReadAsync(platform.App, "console");
        Assert.NotEmpty(log);
        Assert.DoesNotContain("eyJ", log, StringComparison.Ordinal);
    }

    private HttpClient Gateway() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = platform.App.GetEndpoint("gateway", "http") };

    private static async Task<HttpResponseMessage> NegotiateAsync(HttpClient client, string cookies, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1") { Content = new StringContent("") };
        request.Headers.Add("Cookie", cookies);
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }
}
