using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dce.Multicloud.Tests.Api;

/// <summary>DCE's actions change the template in the control plane, which the engine carries to the members.</summary>
[Collection(MulticloudPlatformCollection.Name)]
public sealed class TemplateActionsTests(MulticloudPlatform platform) : IAsyncLifetime
{
    private const string Namespace = $"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}/namespaces/actions";

    public async Task InitializeAsync()
    {
        var response = await platform.Admin().PostAsJsonAsync($"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}/namespaces",
            new { data = "metadata:\n  name: actions\n" });
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Pause_resume_and_restart_change_the_deployment_template()
    {
        var admin = platform.Admin();
        (await admin.PostAsJsonAsync($"{Namespace}/deployments", new { data = Manifests.Deployment("acted", "nginx:1.25", 1) })).EnsureSuccessStatusCode();

        (await admin.PostAsync($"{Namespace}/deployments/acted:pause", null)).EnsureSuccessStatusCode();
        var paused = await admin.GetFromJsonAsync<JsonElement>($"{Namespace}/deployments/acted");
        (await admin.PostAsync($"{Namespace}/deployments/acted:resume", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"{Namespace}/deployments/acted:restart", null)).EnsureSuccessStatusCode();
        var restarted = await admin.GetFromJsonAsync<JsonElement>($"{Namespace}/deployments/acted");

        Assert.True(paused.GetProperty("spec").GetProperty("paused").GetBoolean());
        Assert.False(restarted.GetProperty("spec").GetProperty("paused").GetBoolean());
        Assert.True(restarted.GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("annotations")
            .TryGetProperty("kubectl.kubernetes.io/restartedAt", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"{Namespace}/deployments/missing:pause", null)).StatusCode);
    }

    [Fact]
    public async Task A_cronjob_is_suspended_and_replaced_at_its_collection_as_DCE_does()
    {
        var admin = platform.Admin();
        const string cronJob = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              schedule: "0 1 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: busybox:1.36}]
            """;
        (await admin.PostAsJsonAsync($"{Namespace}/cronjobs", new { data = cronJob })).EnsureSuccessStatusCode();

        (await admin.PostAsync($"{Namespace}/cronjobs/nightly:pause", null)).EnsureSuccessStatusCode();
        // DCE's CronJob has no spec.suspend; the whole object is in …/json's data.
        var suspendedJson = await admin.GetFromJsonAsync<JsonElement>($"{Namespace}/cronjobs/nightly/json");
        var suspended = JsonDocument.Parse(suspendedJson.GetProperty("data").GetString()!).RootElement;
        (await admin.PutAsJsonAsync($"{Namespace}/cronjobs", new { data = cronJob.Replace("0 1 * * *", "0 2 * * *", StringComparison.Ordinal) })).EnsureSuccessStatusCode();
        var replaced = await admin.GetFromJsonAsync<JsonElement>($"{Namespace}/cronjobs/nightly");

        Assert.True(suspended.GetProperty("spec").GetProperty("suspend").GetBoolean());
        Assert.Equal("0 2 * * *", replaced.GetProperty("spec").GetProperty("schedule").GetString());
    }

    [Fact]
    public async Task The_members_labels_and_locations_are_summarised_for_writing_policies()
    {
        await platform.JoinMembersAsync();
        var admin = platform.Admin();
        var instance = $"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}";

        var labels = await admin.GetFromJsonAsync<JsonElement>($"{instance}/clusters-labels");
        var locations = await admin.GetFromJsonAsync<JsonElement>($"{instance}/clusters-locations");
        var namespaces = await admin.GetFromJsonAsync<JsonElement>($"{instance}/namespacesummary");

        Assert.Contains(labels.GetProperty("clusterLabels").EnumerateArray(),
            l => l.GetProperty("cluster").GetString() == "member-1" && l.GetProperty("labels").GetProperty("tier").GetString() == "gold");
        Assert.Contains(locations.GetProperty("locations").EnumerateArray(),
            l => l.GetProperty("cluster").GetString() == "member-3" && l.GetProperty("region").GetString() == "eu-west");
        Assert.Contains(namespaces.GetProperty("data").EnumerateArray(), n => n.GetProperty("name").GetString() == "actions");
        Assert.DoesNotContain(namespaces.GetProperty("data").EnumerateArray(), n => n.GetProperty("name").GetString()!.StartsWith("karmada-", StringComparison.Ordinal));
        Assert.Equal("Instance", namespaces.GetProperty("accessScope").GetString());
    }
}
