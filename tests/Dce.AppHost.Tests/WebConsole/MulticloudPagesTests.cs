using System.Net;
using System.Text.Json;
using Dce.AppHost.Tests.ContainerManagement;
using Microsoft.Playwright;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>The Multicloud Management pages through the gateway in a real browser: members joined, workloads propagated by policy, refusals shown.</summary>
[Collection(PlatformCollection.Name)]
public sealed class MulticloudPagesTests(PlatformFixture platform, ConsoleBrowser browser)
{
    private const string Instance = "karmada-host";
    private const string InstancePath = $"/apis/kairship.io/v1alpha1/instances/{Instance}";

    // Joining a member and starting pods in simulated clusters shared with other tests may take longer than Playwright's 30 s.
    private static readonly LocatorAssertionsToHaveTextOptions Slowly = new() { Timeout = 120_000 };

    [Fact]
    public async Task An_admin_joins_a_container_management_cluster_and_sees_it_ready()
    {
        const string cluster = "edge-arm";
        using var api = await PlatformApi.SignInAsync(platform);
        await api.WaitForAsync("/apis/kairship.io/v1alpha1/kpanda-clusters?pageSize=100", json => Names(json).Contains(cluster), $"{cluster} offered to the instance");
        if (Names((await api.GetAsync($"{InstancePath}/clusters?pageSize=100")).Expect(HttpStatusCode.OK).Json).Contains(cluster))
        {
            (await api.DeleteAsync($"{InstancePath}/clusters/{cluster}")).Expect(HttpStatusCode.OK);
            await api.WaitForAsync($"{InstancePath}/clusters?pageSize=100", json => !Names(json).Contains(cluster), $"{cluster} gone from the instance");
        }

        var page = await browser.SignInAsync(platform);
        await page.GetByRole(AriaRole.Link, new() { Name = "Multicloud", Exact = true }).ClickAsync();
        await page.Locator($"tr[data-instance='{Instance}']").GetByRole(AriaRole.Link, new() { Name = Instance }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Instance {Instance}", Level = 1 })).ToBeVisibleAsync();
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await page.GetByLabel("Cluster of Container Management").SelectOptionAsync(cluster);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join cluster" }).ClickAsync();

        await Assertions.Expect(page.Locator($"tr[data-member='{cluster}']").GetByTestId("member-state")).ToHaveTextAsync("Ready", Slowly);
        Assert.Contains(cluster, Names((await api.GetAsync($"{InstancePath}/clusters?pageSize=100")).Expect(HttpStatusCode.OK).Json));
        (await api.GetAsync($"{InstancePath}/member-clusters/{cluster}/namespacesummary")).Expect(HttpStatusCode.OK);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_deployment_and_its_policy_created_from_yaml_run_their_replicas_in_each_chosen_member()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        string[] members = ["cloud-east", "cloud-west"];
        await JoinAsync(api, members);
        var ns = await NewNamespaceAsync(api, "mc-page");
        var name = $"web-{Guid.NewGuid().ToString("N")[..6]}";
        var page = await OpenCreatePageAsync(ns);

        await SetEditorTextAsync(page, "mc-workload-yaml", Deployment(name, ns));
        await SetEditorTextAsync(page, "mc-policy-yaml", Policy(name, "replicaSchedulingType: Duplicated"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Instance {Instance}", Level = 1 })).ToBeVisibleAsync();
        var row = page.Locator($"[data-testid=workload-row][data-name='{name}']");
        foreach (var member in members)
        {
            await Assertions.Expect(row.Locator($"[data-member='{member}']")).ToHaveTextAsync($"{member} 2/2", Slowly);
        }

        await Assertions.Expect(row.GetByTestId("readiness")).ToHaveTextAsync("4/4", Slowly);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Policies" }).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid=policy-row][data-name='{name}']")).ToContainTextAsync("cloud-east, cloud-west · Duplicated");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_divided_policy_without_weights_is_refused_at_its_field_and_nothing_is_created()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        await JoinAsync(api, ["cloud-east", "cloud-west"]);
        var ns = await NewNamespaceAsync(api, "mc-refused");
        var name = $"web-{Guid.NewGuid().ToString("N")[..6]}";
        var page = await OpenCreatePageAsync(ns);

        await SetEditorTextAsync(page, "mc-workload-yaml", Deployment(name, ns));
        await SetEditorTextAsync(page, "mc-policy-yaml", Policy(name, "replicaSchedulingType: Divided\n      replicaDivisionPreference: Weighted"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();

        var refusal = page.GetByTestId("mc-policy-yaml").GetByTestId("problem");
        await Assertions.Expect(refusal).ToContainTextAsync("data.spec.placement.replicaScheduling.weightPreference");
        await Assertions.Expect(refusal).ToContainTextAsync("needs weights");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create a multicloud workload", Level = 1 })).ToBeVisibleAsync();
        (await api.GetAsync($"{InstancePath}/namespaces/{ns}/propagationpolicies/{name}")).Expect(HttpStatusCode.NotFound);
        (await api.GetAsync($"{InstancePath}/namespaces/{ns}/deployments/{name}")).Expect(HttpStatusCode.NotFound);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_viewer_of_the_instance_sees_its_members_workloads_and_policies_without_any_button_to_change_them()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (user, password) = ($"mc-viewer-{suffix}", $"Pw-{Guid.NewGuid():N}");
        using var admin = await PlatformApi.SignInAsync(platform);
        await JoinAsync(admin, ["cloud-east"]);
        var workspace = (await admin.PostAsync($"{PlatformApi.Ghippo}/workspaces", new { name = $"ws-mc-{suffix}" })).Expect(HttpStatusCode.Created).Json.GetProperty("id").GetInt32();
        var userId = (await admin.PostAsync($"{PlatformApi.Ghippo}/users", new { name = user, password })).Expect(HttpStatusCode.Created).Json.GetProperty("id").GetString();
        (await admin.PostAsync($"{PlatformApi.Ghippo}/workspaces/{workspace}/authorize", new { subjectKind = "User", subjectId = userId, roleName = "workspace-viewer" }))
            .Expect(HttpStatusCode.NoContent);
        (await admin.PostAsync("/apis/kairship.io/v1alpha1/workspace-management/instances/-/actions", new { instance = Instance, workspace = new { workspaceId = workspace }, action = "BIND" }))
            .Expect(HttpStatusCode.OK);
        try
        {
            var page = await browser.SignInAsync(platform, user, password);
            await page.GetByRole(AriaRole.Link, new() { Name = "Multicloud", Exact = true }).ClickAsync();
            await page.Locator($"tr[data-instance='{Instance}']").GetByRole(AriaRole.Link, new() { Name = Instance }).ClickAsync();
            await ConsoleBrowser.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("tr[data-member='cloud-east']")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Join cluster" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByLabel("Cluster of Container Management")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove…" })).ToHaveCountAsync(0);

            await page.GetByRole(AriaRole.Tab, new() { Name = "Workloads" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=workloads], [data-testid=no-workloads]")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create a workload" })).ToHaveCountAsync(0);

            await page.GetByRole(AriaRole.Tab, new() { Name = "Policies" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=policies], [data-testid=no-policies]")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create a policy" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete…" })).ToHaveCountAsync(0);

            await page.GetByRole(AriaRole.Tab, new() { Name = "Failover" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Eviction timeout (seconds)", new() { Exact = true })).ToBeDisabledAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save failover settings" })).ToHaveCountAsync(0);
            await page.Context.CloseAsync();
        }
        finally
        {
            (await admin.PostAsync("/apis/kairship.io/v1alpha1/workspace-management/instances/-/actions", new { instance = Instance, workspace = new { workspaceId = workspace }, action = "UNBIND" }))
                .Expect(HttpStatusCode.OK);
        }
    }

    private async Task<IPage> OpenCreatePageAsync(string ns)
    {
        var page = await browser.SignInAsync(platform);
        await page.GotoAsync($"/multicloud/{Instance}/create");
        await ConsoleBrowser.WaitForInteractiveAsync(page);
        await page.Locator("#mc-namespace").SelectOptionAsync(ns);
        await Assertions.Expect(page.Locator("#mc-workload-yaml .monaco-editor .view-lines")).ToContainTextAsync("kind: Deployment");
        await Assertions.Expect(page.Locator("#mc-policy-yaml .monaco-editor .view-lines")).ToContainTextAsync("kind: PropagationPolicy");
        return page;
    }

    private static async Task JoinAsync(PlatformApi api, string[] members)
    {
        await api.WaitForAsync("/apis/kairship.io/v1alpha1/kpanda-clusters?pageSize=100", json => members.All(Names(json).Contains), "the clusters offered to the instance");
        foreach (var member in members)
        {
            var joined = await api.PostAsync($"{InstancePath}/clusters/{member}", new { cluster = new { } });
            Assert.True(joined.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"join {member}: {joined.Status} {joined.Text}");
        }

        foreach (var member in members)
        {
            await api.WaitForAsync($"{InstancePath}/member-clusters/{member}/namespacesummary", _ => true, $"{member} answering through the instance", TimeSpan.FromMinutes(2));
        }
    }

    private static async Task<string> NewNamespaceAsync(PlatformApi api, string prefix)
    {
        var ns = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        (await api.PostAsync($"{InstancePath}/namespaces", new { data = $"metadata:\n  name: {ns}\n" })).Expect(HttpStatusCode.OK);
        return ns;
    }

    private static List<string?> Names(JsonElement list) =>
        [.. list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("metadata").GetProperty("name").GetString())];

    // Monaco's own API, driven as a user's paste would be: typing into the editor would be re-indented as it goes.
    private static Task SetEditorTextAsync(IPage page, string editorId, string text) =>
        page.EvaluateAsync("([id, text]) => monaco.editor.getEditors().find(e => e.getContainerDomNode().id === id).setValue(text)", new[] { editorId, text });

    private static string Deployment(string name, string ns) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  resources:
                    requests:
                      cpu: 10m
                      memory: 16Mi

        """;

    private static string Policy(string name, string scheduling) => $"""
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata:
          name: {name}
        spec:
          resourceSelectors:
            - apiVersion: apps/v1
              kind: Deployment
              name: {name}
          placement:
            clusterAffinity:
              clusterNames: [cloud-east, cloud-west]
            replicaScheduling:
              {scheduling}

        """;
}
