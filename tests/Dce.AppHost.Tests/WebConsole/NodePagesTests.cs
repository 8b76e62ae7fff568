using System.Net;
using Dce.AppHost.Tests.ContainerManagement;
using Microsoft.Playwright;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>A node's pages: cordon and uncordon, labels with a refused key shown at the editor.</summary>
[Collection(PlatformCollection.Name)]
public sealed class NodePagesTests(PlatformFixture platform, ConsoleBrowser browser)
{
    [Fact]
    public async Task A_node_is_cordoned_uncordoned_and_labelled_from_its_page()
    {
        // A cluster of its own, so a cordoned node never disturbs another test.
        var cluster = $"nodes-{Guid.NewGuid().ToString("N")[..6]}";
        using var simulator = new SimulatorAdmin(platform);
        var kubeconfig = await simulator.AddClusterAsync(cluster);
        using var api = await ContainerManagement.PlatformApi.SignInAsync(platform);
        (await api.PostAsync($"{ContainerManagement.PlatformApi.Kpanda}/clusters", new { name = cluster, kubeconfig })).Expect(HttpStatusCode.Created);
        try
        {
            var page = await browser.SignInAsync(platform);
            await page.GotoAsync($"/nodes?cluster={cluster}");
            await ConsoleBrowser.WaitForInteractiveAsync(page);
            var rows = page.GetByTestId("node-list").Locator("tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(3);
            var worker = rows.Filter(new() { HasText = "worker" }).First;
            var node = await worker.GetAttributeAsync("data-node");
            await worker.GetByRole(AriaRole.Link).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Node {node}", Level = 1 })).ToBeVisibleAsync();
            await ConsoleBrowser.WaitForInteractiveAsync(page);

            await page.GetByRole(AriaRole.Button, new() { Name = "Cordon", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("node-status")).ToHaveTextAsync("Ready, scheduling disabled");
            var path = $"{ContainerManagement.PlatformApi.Kpanda}/clusters/{cluster}/nodes/{node}";
            Assert.True((await api.GetAsync(path)).Expect(HttpStatusCode.OK).Json.GetProperty("spec").GetProperty("unschedulable").GetBoolean());
            await page.GetByRole(AriaRole.Button, new() { Name = "Uncordon", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("node-status")).ToHaveTextAsync("Ready");

            await page.GetByRole(AriaRole.Button, new() { Name = "Edit labels" }).ClickAsync();
            var keys = page.GetByLabel(new System.Text.RegularExpressions.Regex("^Key of label \\d+$"));
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add label" })).ToBeVisibleAsync();
            var existing = await keys.CountAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add label" }).ClickAsync();
            await Assertions.Expect(keys).ToHaveCountAsync(existing + 1);
            var key = page.GetByLabel($"Key of label {existing + 1}", new() { Exact = true });
            var value = page.GetByLabel($"Value of label {existing + 1}", new() { Exact = true });
            await key.FillAsync("not a key!");
            await value.FillAsync("web");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save labels" }).ClickAsync();
            await Assertions.Expect(page.Locator("section .field-error")).ToContainTextAsync("not a key!");

            await key.FillAsync("tier");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save labels" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("node-labels")).ToContainTextAsync("tier=web");
            var labels = (await api.GetAsync(path)).Expect(HttpStatusCode.OK).Json.GetProperty("metadata").GetProperty("labels");
            Assert.Equal("web", labels.GetProperty("tier").GetString());
            await page.Context.CloseAsync();
        }
        finally
        {
            await api.DeleteAsync($"{ContainerManagement.PlatformApi.Kpanda}/clusters/{cluster}");
        }
    }
}
