using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Dce.AppHost.Tests.ContainerManagement;
using Microsoft.Playwright;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>The resource pages (every kind besides workloads, pods, nodes and namespaces) in a real browser against the whole graph.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class ResourcePagesTests(PlatformFixture platform, ConsoleBrowser browser)
{
    // The machine is shared: a page may take longer than Playwright's 5 s default to answer.

    private const string Simulated = "cloud-east";

    [Fact]
    public async Task A_config_map_is_created_from_yaml_edited_seen_and_deleted()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, Simulated);
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "cm-page");
        var name = $"settings-{Guid.NewGuid().ToString("N")[..6]}";
        var page = await browser.SignInAsync(platform);

        await page.GotoAsync($"/resources/configmaps/new?cluster={cluster}&namespace={ns}");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await page.GetByLabel("YAML of the new object").FillAsync($"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {name}
              namespace: {ns}
            data:
              mode: blue
              port: "8080"
            """);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("value-mode")).ToHaveTextAsync("blue");
        await Assertions.Expect(page.GetByTestId("value-port")).ToHaveTextAsync("8080");

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit YAML" }).ClickAsync();
        var editor = page.GetByLabel("YAML to save");
        var yaml = await editor.InputValueAsync();
        Assert.Contains("mode: blue", yaml, StringComparison.Ordinal);
        await editor.FillAsync(yaml.Replace("mode: blue", "mode: green", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("value-mode")).ToHaveTextAsync("green");
        await Assertions.Expect(page.GetByTestId("value-port")).ToHaveTextAsync("8080");
        var stored = (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/configmaps/{name}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("green", stored.GetProperty("data").GetProperty("mode").GetString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ListAddress());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ConfigMaps", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToHaveCountAsync(0);
        (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/configmaps/{name}")).Expect(HttpStatusCode.NotFound);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_secret_shows_its_values_masked_until_the_admin_reveals_them()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, Simulated);
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "secret-page");
        var name = $"db-login-{Guid.NewGuid().ToString("N")[..6]}";
        var value = $"s3cret-{Guid.NewGuid():N}";
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        var created = await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/secrets", new
        {
            data = $"apiVersion: v1\nkind: Secret\nmetadata: {{name: {name}}}\ntype: Opaque\ndata: {{password: {encoded}}}\n",
        });
        Assert.True(created.Status is HttpStatusCode.OK or HttpStatusCode.Created, created.Text);
        var page = await browser.SignInAsync(platform);

        await page.GotoAsync($"/resources/secrets/{cluster}/{ns}/{name}");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("value-password")).ToHaveTextAsync("••••");
        Assert.DoesNotContain(value, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Reveal values" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("value-password")).ToHaveTextAsync(value);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_yaml_error_shows_the_apis_own_message()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, Simulated);
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "yaml-error");
        const string broken = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\ndata:\n  a: b\n";
        var refusal = (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/configmaps", new { data = broken })).Expect(HttpStatusCode.BadRequest).Json;
        var message = refusal.GetProperty("errors").EnumerateObject().First().Value.EnumerateArray().First().GetString()!;
        Assert.Contains("invalid YAML", message, StringComparison.Ordinal);
        var page = await browser.SignInAsync(platform);

        await page.GotoAsync($"/resources/configmaps/new?cluster={cluster}&namespace={ns}");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await page.GetByLabel("YAML of the new object").FillAsync(broken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("problem")).ToContainTextAsync(message);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New ConfigMap", Level = 1 })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"/resources/configmaps\?cluster=[^&]+&namespace=[^&]+$")]
    private static partial Regex ListAddress();
}
