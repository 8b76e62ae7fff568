using System.Net;
using Dce.AppHost.Tests.ContainerManagement;
using Microsoft.Playwright;
using PlatformApi = Dce.AppHost.Tests.ContainerManagement.PlatformApi;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>The workload pages through the gateway in a real browser: create by form and YAML, scale, roll back, delete.</summary>
[Collection(PlatformCollection.Name)]
public sealed class WorkloadPagesTests(PlatformFixture platform, ConsoleBrowser browser)
{
    private const string Simulated = "cloud-west";

    // Pods start on simulated clusters shared with other tests: a rollout may take longer than Playwright's default 5 s.

    [Fact]
    public async Task A_deployment_from_the_form_refuses_a_bad_name_at_its_field_then_scales_to_three_ready_pods_without_reloading()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, Simulated);
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "form");
        var page = await browser.SignInAsync(platform);

        await page.GotoAsync($"/workloads/create?kind=deployments&cluster={cluster}&namespace={ns}");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Bad_Name");
        await page.GetByLabel("Image").FillAsync("nginx:1.27");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#wf-name-error")).ToBeVisibleAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("web");
        await page.GetByLabel("Container port").FillAsync("80");
        await page.GetByLabel("CPU request").FillAsync("100m");
        await page.GetByLabel("Memory request").FillAsync("64Mi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "web", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("rollout")).ToHaveAttributeAsync("data-done", "true");

        await page.EvaluateAsync("() => window.dceNotReloaded = true");
        await page.GetByLabel("Replicas").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Scale" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=pod-row][data-status=Running]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("rollout-ready")).ToHaveTextAsync("3/3 ready");
        await Assertions.Expect(page.GetByTestId("rollout")).ToHaveAttributeAsync("data-done", "true");
        Assert.True(await page.EvaluateAsync<bool>("() => window.dceNotReloaded === true"), "the page was not reloaded");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_deployment_from_yaml_marks_the_line_of_an_error_then_is_created_and_deleted_after_typing_its_name()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, Simulated);
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "yaml");
        var page = await browser.SignInAsync(platform);

        await page.GotoAsync($"/workloads/create?kind=deployments&cluster={cluster}&namespace={ns}&mode=yaml");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator(".monaco-editor .view-lines")).ToContainTextAsync("kind: Deployment");
        var name = $"yaml-{Guid.NewGuid().ToString("N")[..6]}";
        var manifest = $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: {name}\n"
            + $"  template:\n    metadata:\n      labels:\n        app: {name}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n";

        await SetEditorTextAsync(page, manifest + "  broken: key: value\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create from YAML" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("problem")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("yaml-error-line")).ToContainTextAsync("Line 19");
        await Assertions.Expect(page.Locator(".yaml-error-line")).ToHaveCountAsync(1);

        await SetEditorTextAsync(page, manifest);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create from YAML" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("images")).ToHaveTextAsync("nginx:1.27");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete…" }).ClickAsync();
        var delete = page.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" });
        await Assertions.Expect(delete).ToBeDisabledAsync();
        await page.GetByLabel("Type").FillAsync(name);
        await delete.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Workloads", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-testid=workload-row][data-name='{name}']")).ToHaveCountAsync(0);
        (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments/{name}")).Expect(HttpStatusCode.NotFound);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Rolling_back_compares_the_revisions_and_brings_the_previous_image_back()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, Simulated);
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "rollback");
        var deployments = $"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments";
        (await api.PostAsync(deployments, new { name = "web", image = "nginx:1.26", replicas = 1 })).Expect(HttpStatusCode.Created);
        await api.WaitForAsync($"{deployments}/web/revisions", json => json.GetArrayLength() == 1, "the first revision");
        (await api.PatchAsync($"{deployments}/web", new { spec = new { template = new { spec = new { containers = new[] { new { name = "web", image = "nginx:1.27" } } } } } }))
            .Expect(HttpStatusCode.OK);
        await api.WaitForAsync($"{deployments}/web/revisions", json => json.GetArrayLength() == 2, "the second revision");
        var page = await browser.SignInAsync(platform);

        await page.GotoAsync($"/workloads/{cluster}/{ns}/deployments/web");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("images")).ToHaveTextAsync("nginx:1.27");
        var diff = page.GetByTestId("revision-diff");
        await Assertions.Expect(diff.Locator(".removed", new() { HasText = "nginx:1.26" })).ToHaveCountAsync(1);
        await Assertions.Expect(diff.Locator(".added", new() { HasText = "nginx:1.27" })).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Roll back to revision 1" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("images")).ToHaveTextAsync("nginx:1.26");
        await Assertions.Expect(page.GetByTestId("rollout")).ToHaveAttributeAsync("data-done", "true");
        await Assertions.Expect(page.Locator("[data-testid=pod-row]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=pod-row]")).ToContainTextAsync("nginx:1.26");
        await page.Context.CloseAsync();
    }

    // Monaco's own API, driven as a user's paste would be: typing into the editor would be re-indented as it goes.
    private static Task SetEditorTextAsync(IPage page, string text) =>
        page.EvaluateAsync("text => monaco.editor.getModels()[0].setValue(text)", text);
}
