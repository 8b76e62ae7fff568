using System.Net;
using Dce.AppHost.Tests.ContainerManagement;
using Dce.Testing;
using Microsoft.Playwright;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>Joining, inspecting and removing a cluster through the console's pages.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ClusterPagesTests(PlatformFixture platform, ConsoleBrowser browser)
{
    [Fact]
    public async Task A_cluster_is_joined_from_a_pasted_kubeconfig_after_validation_and_its_removal_explains_a_workspace_refusal()
    {
        var name = $"web-{Guid.NewGuid().ToString("N")[..6]}";
        using var simulator = new SimulatorAdmin(platform);
        var kubeconfig = await simulator.AddClusterAsync(name);
        using var api = await ContainerManagement.PlatformApi.SignInAsync(platform);
        var page = await browser.SignInAsync(platform);

        await page.GetByRole(AriaRole.Link, new() { Name = "Clusters", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Join a cluster" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join a cluster", Level = 1 })).ToBeVisibleAsync();

        // A kubeconfig that is not one is refused at its field, and nothing can be joined with it.
        var kubeconfigField = page.GetByLabel("Kubeconfig");
        await kubeconfigField.FillAsync("clusters: [ not: yaml");
        await page.GetByRole(AriaRole.Button, new() { Name = "Validate" }).ClickAsync();
        await Assertions.Expect(page.Locator(".join > .field-error").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true })).ToBeDisabledAsync();

        await kubeconfigField.FillAsync(kubeconfig);
        await page.GetByRole(AriaRole.Button, new() { Name = "Validate" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("validation-ok")).ToBeVisibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Alias").FillAsync("Joined from the console");
        await page.GetByLabel("Region").FillAsync("europe-west1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Cluster {name}", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("cluster-phase")).ToHaveTextAsync("Running");
        await page.GetByRole(AriaRole.Link, new() { Name = "← Clusters" }).ClickAsync();
        var row = page.Locator($"tr[data-cluster='{name}']");
        await Assertions.Expect(row.GetByTestId("phase")).ToHaveTextAsync("Running");
        await Assertions.Expect(row).ToContainTextAsync("3 / 3");

        // Held by a workspace, the cluster is not removed, and the page says which workspace and what to do.
        var workspace = (await api.PostAsync($"{ContainerManagement.PlatformApi.Ghippo}/workspaces", new { name = $"holds-{name}" })).Expect(HttpStatusCode.Created)
            .Json.GetProperty("id").GetInt32();
        await Eventually.Until(async () => (await api.PostAsync($"{ContainerManagement.PlatformApi.Kpanda}/clusters/{name}:bind", new { workspaceId = workspace })).Status == HttpStatusCode.Created,
            $"cluster {name} bound to workspace {workspace}");
        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove cluster" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("problem")).ToContainTextAsync($"workspace(s) {workspace}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Workspaces and folders" }).Last).ToBeVisibleAsync();

        (await api.DeleteAsync($"{ContainerManagement.PlatformApi.Kpanda}/clusters/{name}:unbind?workspaceId={workspace}")).Expect(HttpStatusCode.OK);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove cluster" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clusters", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"tr[data-cluster='{name}']")).ToHaveCountAsync(0);
        (await api.GetAsync($"{ContainerManagement.PlatformApi.Kpanda}/clusters/{name}")).Expect(HttpStatusCode.NotFound);
        await page.Context.CloseAsync();
    }
}
