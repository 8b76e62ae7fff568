using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dce.Multicloud.Tests.Api;

/// <summary>Templates and policies in DCE's shapes: created from YAML in data, read as objects or JSON, replaced, patched and deleted.</summary>
[Collection(MulticloudPlatformCollection.Name)]
public sealed class ObjectsApiTests(MulticloudPlatform platform) : IAsyncLifetime
{
    private const string Namespace = $"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}/namespaces/objects";

    public async Task InitializeAsync()
    {
        var response = await platform.Admin().PostAsJsonAsync($"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}/namespaces",
            new { data = "metadata:\n  name: objects\n" });
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_deployment_goes_through_its_whole_life_in_DCEs_shapes()
    {
        var admin = platform.Admin();
        var created = await admin.PostAsJsonAsync($"{Namespace}/deployments", new { data = Manifests.Deployment("life", "nginx:1.25", 3) });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var data = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetString()!;
        Assert.Equal(3, JsonDocument.Parse(data).RootElement.GetProperty("spec").GetProperty("replicas").GetInt32());

        var got = await admin.GetFromJsonAsync<JsonElement>($"{Namespace}/deployments/life");
        Assert.Equal("objects", got.GetProperty("metadata").GetProperty("namespace").GetString());
        var json = await admin.GetFromJsonAsync<JsonElement>($"{Namespace}/deployments/life/json");
        Assert.Equal("life", JsonDocument.Parse(json.GetProperty("data").GetString()!).RootElement.GetProperty("metadata").GetProperty("name").GetString());

        (await admin.PutAsJsonAsync($"{Namespace}/deployments/life", new { data = Manifests.Deployment("life", "nginx:1.26", 4) })).EnsureSuccessStatusCode();
        (await admin.PatchAsJsonAsync($"{Namespace}/deployments/life", new { data = """{"spec":{"replicas":5}}""" })).EnsureSuccessStatusCode();
        var changedJson = await admin.GetFromJsonAsync<JsonElement>($"{Namespace}/deployments/life/json");
        var changed = JsonDocument.Parse(changedJson.GetProperty("data").GetString()!).RootElement;
        Assert.Equal(5, changed.GetProperty("spec").GetProperty("replicas").GetInt32());
        Assert.Equal("nginx:1.26", changed.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("image").GetString());

        var list = await admin.GetFromJsonAsync<JsonElement>($"{Namespace}/deployments?name=lif");
        Assert.Equal(1, list.GetProperty("pagination").GetProperty("total").GetInt32());

        (await admin.DeleteAsync($"{Namespace}/deployments/life")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Namespace}/deployments/life")).StatusCode);
    }

    [Fact]
    public async Task A_policy_is_read_in_DCEs_wrapper_and_a_secret_never_shows_its_values()
    {
        var admin = platform.Admin();
        (await admin.PostAsJsonAsync($"{Namespace}/propagationpolicies", new
        {
            data = "metadata: {name: wrapped}\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap, name: nothing}]\n  placement: {}\n",
        })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"{Namespace}/secrets", new
        {
            data = "apiVersion: v1\nkind: Secret\nmetadata: {name: token}\nstringData: {password: hunter2-value}\n",
        })).EnsureSuccessStatusCode();

        var policy = await admin.GetFromJsonAsync<JsonElement>($"{Namespace}/propagationpolicies/wrapped");
        var secret = await admin.GetStringAsync($"{Namespace}/secrets/token");
        var secrets = await admin.GetStringAsync($"{Namespace}/secrets");
        var secretJson = await admin.GetStringAsync($"{Namespace}/secrets/token/json");

        Assert.Equal("wrapped", policy.GetProperty("propagationPolicy").GetProperty("metadata").GetProperty("name").GetString());
        Assert.Contains("\"password\"", secret, StringComparison.Ordinal);
        foreach (var answer in new[] { secret, secrets, secretJson })
        {
            Assert.DoesNotContain("hunter2", answer, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String("hunter2-value"u8.ToArray()), answer, StringComparison.Ordinal);
        }
    }
}
