using System.Net;
using System.Text.RegularExpressions;
using Dce.AppHost.Tests.ContainerManagement;
using Microsoft.Playwright;

namespace Dce.AppHost.Tests.WebConsole;

/// <summary>Global Management through the console: an administrator builds a workspace for a viewer, the viewer gets no write actions, the audit log tells.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class GlobalManagementPagesTests(PlatformFixture platform, ConsoleBrowser browser)
{
    private const string Cluster = "cloud-east";

    // Under a busy machine a page may take longer than Playwright's 5 s default to show a change.

    [Fact]
    public async Task An_admin_gives_a_viewer_a_workspace_with_one_namespace_and_the_viewer_gets_no_write_actions_and_the_audit_log_tells()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (ns, workspace, member, password) = ($"gm-{suffix}", $"ws-gm-{suffix}", $"member-{suffix}", $"Pw-{Guid.NewGuid():N}");
        using var admin = await PlatformApi.SignInAsync(platform);
        await admin.WaitForAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}", json => json.GetProperty("status").GetProperty("phase").GetString() == "Running", "cluster Running");
        (await admin.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces", new { name = ns })).Expect(HttpStatusCode.Created);
        (await admin.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}/deployments", new { name = "app", image = "nginx:1.26" })).Expect(HttpStatusCode.Created);

        var page = await browser.SignInAsync(platform);
        var workspaceId = await CreateWorkspaceAsync(page, workspace);
        await BindNamespaceAsync(page, workspaceId, ns);
        await CreateUserAsync(page, member, password);
        await GrantAsync(page, workspaceId, member, "workspace-viewer");

        var memberPage = await browser.SignInAsync(platform, member, password);
        await OpenAsync(memberPage, "/workspaces");
        await Assertions.Expect(memberPage.GetByTestId("hierarchy")).ToContainTextAsync(workspace);
        await Assertions.Expect(memberPage.GetByRole(AriaRole.Button, new() { Name = "New workspace" })).ToHaveCountAsync(0);
        await Assertions.Expect(memberPage.GetByRole(AriaRole.Button, new() { Name = "New folder" })).ToHaveCountAsync(0);
        await OpenAsync(memberPage, $"/workspaces/{workspaceId}?tab=resources");
        await Assertions.Expect(memberPage.GetByTestId("bound-resources")).ToContainTextAsync(ns);
        await Assertions.Expect(memberPage.GetByRole(AriaRole.Button, new() { Name = "Bind" })).ToHaveCountAsync(0);
        await Assertions.Expect(memberPage.GetByRole(AriaRole.Button, new() { Name = "Unbind" })).ToHaveCountAsync(0);
        await OpenAsync(memberPage, $"/workspaces/{workspaceId}?tab=members");
        await Assertions.Expect(memberPage.GetByTestId("members")).ToContainTextAsync(member);
        await Assertions.Expect(memberPage.GetByRole(AriaRole.Button, new() { Name = "Grant role" })).ToHaveCountAsync(0);
        await Assertions.Expect(memberPage.GetByRole(AriaRole.Button, new() { Name = "Revoke" })).ToHaveCountAsync(0);
        await OpenAsync(memberPage, "/users");
        await Assertions.Expect(memberPage.GetByTestId("problem")).ToContainTextAsync("not allowed");
        await Assertions.Expect(memberPage.GetByRole(AriaRole.Button, new() { Name = "New user" })).ToHaveCountAsync(0);
        await memberPage.Context.CloseAsync();

        using var viewer = await PlatformApi.SignInAsync(platform, member, password);
        var namespaces = (await viewer.GetAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces?pageSize=1000")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal([ns], namespaces.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("metadata").GetProperty("name").GetString()));
        (await viewer.PostAsync($"{PlatformApi.Ghippo}/workspaces/{workspaceId}/bind-resource", new { cluster = Cluster })).Expect(HttpStatusCode.Forbidden);
        (await viewer.PutAsync($"{PlatformApi.Ghippo}/workspaces/{workspaceId}/unbind-resource", new { cluster = Cluster, @namespace = ns })).Expect(HttpStatusCode.Forbidden);
        (await viewer.PostAsync($"{PlatformApi.Ghippo}/workspaces/{workspaceId}/authorize", new { subjectKind = "User", subjectId = Guid.NewGuid(), roleName = "workspace-admin" }))
            .Expect(HttpStatusCode.Forbidden);
        (await viewer.PutAsync($"{PlatformApi.Ghippo}/workspaces/{workspaceId}/deauthorize", new { subjectKind = "User", subjectId = Guid.NewGuid(), roleName = "workspace-viewer" }))
            .Expect(HttpStatusCode.Forbidden);
        (await viewer.PutAsync($"{PlatformApi.Ghippo}/workspaces/{workspaceId}", new { alias = "mine" })).Expect(HttpStatusCode.Forbidden);
        (await viewer.DeleteAsync($"{PlatformApi.Ghippo}/workspaces/{workspaceId}")).Expect(HttpStatusCode.Forbidden);
        (await viewer.PostAsync($"{PlatformApi.Ghippo}/workspaces", new { name = $"ws-own-{suffix}" })).Expect(HttpStatusCode.Forbidden);
        (await viewer.PostAsync($"{PlatformApi.Ghippo}/users", new { name = $"other-{suffix}", password })).Expect(HttpStatusCode.Forbidden);
        (await viewer.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}/deployments", new { name = "mine", image = "nginx:1.26" })).Expect(HttpStatusCode.Forbidden);
        (await viewer.PostAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}/deployments/app:scale", new { replicas = 3 })).Expect(HttpStatusCode.Forbidden);
        (await viewer.DeleteAsync($"{PlatformApi.Kpanda}/clusters/{Cluster}/namespaces/{ns}/deployments/app")).Expect(HttpStatusCode.Forbidden);

        await OpenAsync(page, "/audit");
        await FilterAuditAsync(page, "create", "workspaces");
        await Assertions.Expect(page.GetByTestId("audit-records")).ToContainTextAsync(workspace);
        await FilterAuditAsync(page, "authorize", "rolebindings");
        await Assertions.Expect(page.GetByTestId("audit-records")).ToContainTextAsync("workspace-viewer:User:");
        await FilterAuditAsync(page, "bind", "workspaceresources");
        await Assertions.Expect(page.GetByTestId("audit-records")).ToContainTextAsync($"namespace {Cluster}/{ns}");
        Assert.Contains("action=bind", page.Url, StringComparison.Ordinal);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,occurredAt,module,actor", rows[0], StringComparison.Ordinal);
        Assert.Contains(rows, row => row.Contains($"namespace {Cluster}/{ns}", StringComparison.Ordinal));
        Assert.All(rows.Skip(1), row => Assert.Contains("\"bind\"", row, StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_user_creates_and_deletes_an_access_key_and_changing_the_password_signs_them_out()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (user, password, newPassword) = ($"keys-{suffix}", $"Pw-{Guid.NewGuid():N}", $"New-{Guid.NewGuid():N}");
        using var admin = await PlatformApi.SignInAsync(platform);
        (await admin.PostAsync($"{PlatformApi.Ghippo}/users", new { name = user, password })).Expect(HttpStatusCode.Created);

        var page = await browser.SignInAsync(platform, user, password);
        await OpenAsync(page, "/account/keys");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"ci-{suffix}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create access key" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("The new access key")).ToHaveValueAsync(new Regex("^dcek_"));
        await Assertions.Expect(page.GetByTestId("access-keys")).ToContainTextAsync($"ci-{suffix}");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete access key ci-{suffix}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("access-keys")).Not.ToContainTextAsync($"ci-{suffix}");

        await OpenAsync(page, "/account/password");
        await page.GetByLabel("Current password").FillAsync(password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("New password again").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync("characters long");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("New password again").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your password is changed")).ToBeVisibleAsync();
        await page.GotoAsync("/account/keys");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        var again = await browser.SignInAsync(platform, user, newPassword);
        await again.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_creates_and_deletes_a_custom_role_and_fills_a_group_in_the_console()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (role, group) = ($"reader-{suffix}", $"team-{suffix}");
        var page = await browser.SignInAsync(platform);

        await OpenAsync(page, "/roles");
        await page.GetByRole(AriaRole.Button, new() { Name = "New custom role" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(role);
        await page.GetByLabel("Scope").SelectOptionAsync("Workspace");
        await page.Locator(".picker input[type=checkbox]").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save role" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("roles")).ToContainTextAsync(role);
        await Assertions.Expect(page.GetByTestId("role-detail")).ToContainTextAsync(role);
        await page.GetByTestId("role-detail").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("roles")).Not.ToContainTextAsync(role);

        await OpenAsync(page, "/users?tab=groups");
        await page.Locator("#new-group-name").FillAsync(group);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("groups")).ToContainTextAsync(group);
        await Assertions.Expect(page.Locator("#group-add-user option", new() { HasText = "admin" })).ToHaveCountAsync(1);
        await page.GetByLabel("Add user").SelectOptionAsync(new SelectOptionValue { Label = "admin" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = $"Members of {group}" })).ToContainTextAsync("admin");
        await page.Context.CloseAsync();
    }

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await ConsoleBrowser.WaitForInteractiveAsync(page);
    }

    private static async Task<int> CreateWorkspaceAsync(IPage page, string name)
    {
        await OpenAsync(page, "/workspaces");
        await page.GetByRole(AriaRole.Button, new() { Name = "New workspace" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("In folder").SelectOptionAsync(new SelectOptionValue { Label = "Top level" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("hierarchy")).ToContainTextAsync(name);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Open workspace {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Workspace {name}", Level = 1 })).ToBeVisibleAsync();
        return int.Parse(WorkspaceIdInUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task BindNamespaceAsync(IPage page, int workspaceId, string ns)
    {
        await OpenAsync(page, $"/workspaces/{workspaceId}?tab=resources");
        await page.GetByLabel("Cluster", new() { Exact = true }).SelectOptionAsync(Cluster);
        await Assertions.Expect(page.Locator($"#bind-namespace option[value=\"{ns}\"]")).ToHaveCountAsync(1);
        await page.GetByLabel("Namespace", new() { Exact = true }).SelectOptionAsync(ns);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bind", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("bound-resources")).ToContainTextAsync(ns);
    }

    private static async Task CreateUserAsync(IPage page, string name, string password)
    {
        await OpenAsync(page, "/users");
        await page.GetByRole(AriaRole.Button, new() { Name = "New user" }).ClickAsync();
        await Assertions.Expect(page.GetByText("at least three of")).ToBeVisibleAsync();
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("users")).ToContainTextAsync(name);
    }

    private static async Task GrantAsync(IPage page, int workspaceId, string user, string role)
    {
        await OpenAsync(page, $"/workspaces/{workspaceId}?tab=members");
        await Assertions.Expect(page.Locator("#grant-subject option", new() { HasText = user })).ToHaveCountAsync(1);
        await page.GetByLabel("User", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = user });
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(role);
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant role" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("members")).ToContainTextAsync(user);
        await Assertions.Expect(page.GetByTestId("members")).ToContainTextAsync(role);
    }

    private static async Task FilterAuditAsync(IPage page, string action, string resourceType)
    {
        await page.GetByLabel("Action", new() { Exact = true }).FillAsync(action);
        await page.GetByLabel("Resource type").FillAsync(resourceType);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"action={action}"));
    }

    [GeneratedRegex(@"/workspaces/(\d+)")]
    private static partial Regex WorkspaceIdInUrl();
}
