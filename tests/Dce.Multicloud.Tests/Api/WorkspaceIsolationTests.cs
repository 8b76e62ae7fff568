using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dce.Multicloud.Tests.Api;

/// <summary>
/// The attacker's view first: a user of a workspace bound to one namespace of the instance works there and nowhere else,
/// and a user of no workspace reaches nothing; neither can take clusters, write cluster-wide policies or bind anything.
/// </summary>
[Collection(MulticloudPlatformCollection.Name)]
public sealed class WorkspaceIsolationTests(MulticloudPlatform platform) : IAsyncLifetime
{
    private const string Password = "Multicloud-Pa55-word";
    private const string Instance = $"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}";
    private static int _round;
    private string _suffix = "";
    private int _workspace;

    public async Task InitializeAsync()
    {
        _suffix = $"{Interlocked.Increment(ref _round)}-{Guid.NewGuid():N}"[..12];
        await platform.JoinMembersAsync();
        foreach (var ns in new[] { Mine, Theirs })
        {
            (await platform.Admin().PostAsJsonAsync($"{Instance}/namespaces", new { data = $"metadata:\n  name: {ns}\n" })).EnsureSuccessStatusCode();
            (await platform.Admin().PostAsJsonAsync($"{Instance}/namespaces/{ns}/deployments", new { data = Manifests.Deployment("web", "nginx:1.25", 1) }))
                .EnsureSuccessStatusCode();
        }

        _workspace = await platform.WorkspaceAsync($"mc-{_suffix}");
        await platform.UserAsync($"editor-{_suffix}", Password, _workspace, "workspace-editor");
        await platform.UserAsync($"outsider-{_suffix}", Password, await platform.WorkspaceAsync($"mc-out-{_suffix}"), "workspace-admin");
        (await platform.Admin().PostAsJsonAsync($"{MulticloudPlatform.Kairship}/workspace-management/namespaces/-/actions",
            new { @namespace = Mine, instance = MulticloudPlatform.Instance, workspace = new { workspaceId = _workspace }, action = "BIND" })).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Mine => $"mine-{_suffix}";

    private string Theirs => $"theirs-{_suffix}";

    [Fact]
    public async Task An_outsider_reaches_nothing_of_the_instance()
    {
        var outsider = await platform.ClientForAsync($"outsider-{_suffix}", Password);

        var instances = await outsider.GetFromJsonAsync<JsonElement>($"{MulticloudPlatform.Kairship}/instances");
        Assert.Empty(instances.GetProperty("items").EnumerateArray());
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, Instance),
            (HttpMethod.Get, $"{Instance}/clusters"),
            (HttpMethod.Get, $"{Instance}/namespaces"),
            (HttpMethod.Get, $"{Instance}/deployments"),
            (HttpMethod.Get, $"{Instance}/namespaces/{Mine}/deployments"),
            (HttpMethod.Get, $"{Instance}/namespaces/{Mine}/deployments/web"),
            (HttpMethod.Get, $"{Instance}/namespaces/{Mine}/deployments/web/json"),
            (HttpMethod.Delete, $"{Instance}/namespaces/{Mine}/deployments/web"),
            (HttpMethod.Get, $"{Instance}/clusterpropagationpolicies"),
            (HttpMethod.Get, $"{Instance}/namespaces/{Mine}/secrets"),
        })
        {
            var response = await outsider.SendAsync(new HttpRequestMessage(method, path));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.OK, (await platform.Admin().GetAsync($"{Instance}/namespaces/{Mine}/deployments/web")).StatusCode);
    }

    [Fact]
    public async Task A_namespace_member_works_in_their_namespace_and_sees_nothing_of_another()
    {
        var editor = await platform.ClientForAsync($"editor-{_suffix}", Password);

        var created = await editor.PostAsJsonAsync($"{Instance}/namespaces/{Mine}/deployments", new { data = Manifests.Deployment("api", "nginx:1.25", 2) });
        var elsewhere = await editor.PostAsJsonAsync($"{Instance}/namespaces/{Theirs}/deployments", new { data = Manifests.Deployment("api", "nginx:1.25", 2) });
        var across = await editor.GetFromJsonAsync<JsonElement>($"{Instance}/deployments?pageSize=100");
        var namespaces = await editor.GetFromJsonAsync<JsonElement>($"{Instance}/namespaces?pageSize=100");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.All(across.GetProperty("items").EnumerateArray(), d => Assert.Equal(Mine, d.GetProperty("metadata").GetProperty("namespace").GetString()));
        Assert.Equal(2, across.GetProperty("items").GetArrayLength());
        Assert.Equal([Mine], namespaces.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("metadata").GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"{Instance}/namespaces/{Theirs}")).StatusCode);
    }

    [Fact]
    public async Task Members_credentials_and_failover_settings_cannot_be_reached_through_the_generic_object_paths()
    {
        await platform.JoinMembersAsync();
        var admin = platform.Admin();

        var credentials = await admin.PutAsJsonAsync($"{Instance}/namespaces/karmada-cluster/secrets/member-1",
            new { data = "apiVersion: v1\nkind: Secret\nmetadata: {name: member-1}\nstringData: {kubeconfig: elsewhere}\n" });
        var settings = await admin.PostAsJsonAsync($"{Instance}/namespaces/karmada-system/configmaps",
            new { data = "metadata: {name: dce-failover}\ndata: {enabled: \"false\"}\n" });
        var secrets = await admin.GetFromJsonAsync<JsonElement>($"{Instance}/secrets?pageSize=1000");

        Assert.Equal(HttpStatusCode.Forbidden, credentials.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);
        Assert.DoesNotContain(secrets.GetProperty("items").EnumerateArray(), s => s.GetProperty("metadata").GetProperty("namespace").GetString() == "karmada-cluster");
    }

    [Fact]
    public async Task A_namespace_member_cannot_reach_beyond_their_namespace_by_another_path()
    {
        var editor = await platform.ClientForAsync($"editor-{_suffix}", Password);

        var clusterPolicy = await editor.PostAsJsonAsync($"{Instance}/clusterpropagationpolicies",
            new { data = "metadata: {name: everything}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  placement: {}\n" });
        var smuggled = await editor.PostAsJsonAsync($"{Instance}/namespaces/{Mine}/deployments",
            new { data = Manifests.Deployment("smuggled", "nginx:1.25", 1).Replace("name: smuggled", $"name: smuggled\n  namespace: {Theirs}", StringComparison.Ordinal) });
        var join = await editor.PostAsJsonAsync($"{Instance}/clusters/member-1", new { cluster = new { } });
        var bind = await editor.PostAsJsonAsync($"{MulticloudPlatform.Kairship}/workspace-management/namespaces/-/actions",
            new { @namespace = Theirs, instance = MulticloudPlatform.Instance, workspace = new { workspaceId = _workspace }, action = "BIND" });
        var newNamespace = await editor.PostAsJsonAsync($"{Instance}/namespaces", new { data = "metadata:\n  name: grabbed\n" });

        Assert.Equal(HttpStatusCode.Forbidden, clusterPolicy.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, smuggled.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, join.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bind.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, newNamespace.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Admin().GetAsync($"{Instance}/namespaces/{Theirs}/deployments/smuggled")).StatusCode);
    }
}
