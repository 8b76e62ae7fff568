using System.Net;
using Microsoft.Playwright;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>Creating a namespace and setting its quota under its workspace's ceiling through the console.</summary>
[Collection(PlatformCollection.Name)]
public sealed class NamespacePagesTests(PlatformFixture platform, ConsoleBrowser browser)
{
    private const string Cluster = "cloud-east";

    [Fact]
    public async Task A_namespace_is_created_and_its_quota_is_held_to_the_workspace_ceiling_shown_beside_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var ns = $"web-quota-{suffix}";
        using var api = await ContainerManagement.PlatformApi.SignInAsync(platform);
        var page = await browser.SignInAsync(platform);

        await page.GotoAsync($"/namespaces?cluster={Cluster}");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(ns);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Namespace {ns}", Level = 1 })).ToBeVisibleAsync();

        var workspace = (await api.PostAsync($"{ContainerManagement.PlatformApi.Ghippo}/workspaces", new { name = $"ws-web-{suffix}" })).Expect(HttpStatusCode.Created)
            .Json.GetProperty("id").GetInt32();
        (await api.PostAsync($"{ContainerManagement.PlatformApi.Kpanda}/clusters/{Cluster}:bind", new { workspaceId = workspace })).Expect(HttpStatusCode.Created);
        (await api.PostAsync($"{ContainerManagement.PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}:bind", new { workspaceId = workspace })).Expect(HttpStatusCode.Created);
        (await api.PutAsync($"{ContainerManagement.PlatformApi.Ghippo}/workspaces/{workspace}/quotas/{Cluster}", new { requestsCpu = "2", requestsMemory = "4Gi" }))
            .Expect(HttpStatusCode.OK);
        try
        {
            await page.ReloadAsync();
            await ConsoleBrowser.WaitForInteractiveAsync(page);
            var cpu = page.Locator("tr[data-dimension='requests.cpu']");
            await Assertions.Expect(page.GetByTestId("workspace-ceiling")).ToContainTextAsync($"Workspace {workspace}");
            await Assertions.Expect(cpu.Locator("td").Nth(2)).ToHaveTextAsync("2");

            await cpu.GetByRole(AriaRole.Textbox).FillAsync("3");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save quota" }).ClickAsync();
            await Assertions.Expect(cpu.Locator(".field-error")).ToContainTextAsync($"workspace {workspace} has left");

            // The workspace limits memory requests too, so the namespace's quota must set them.
            await cpu.GetByRole(AriaRole.Textbox).FillAsync("1500m");
            await page.Locator("tr[data-dimension='requests.memory']").GetByRole(AriaRole.Textbox).FillAsync("2Gi");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save quota" }).ClickAsync();
            await Assertions.Expect(page.GetByText("The quota is saved.")).ToBeVisibleAsync();
            var quota = (await api.GetAsync($"{ContainerManagement.PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}/resourcequotas:compute")).Expect(HttpStatusCode.OK).Json;
            Assert.Equal("1500m", quota.GetProperty("spec").GetProperty("hard").GetProperty("requests.cpu").GetString());
            await page.Context.CloseAsync();
        }
        finally
        {
            await api.DeleteAsync($"{ContainerManagement.PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}:unbind?workspaceId={workspace}");
            await api.DeleteAsync($"{ContainerManagement.PlatformApi.Kpanda}/clusters/{Cluster}:unbind?workspaceId={workspace}");
        }
    }
}
