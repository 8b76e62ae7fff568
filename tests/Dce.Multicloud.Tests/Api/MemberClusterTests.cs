using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;

namespace Dce.Multicloud.Tests.Api;

/// <summary>Members are Container Management's clusters taken into the control plane as Karmada's join writes them, and kubectl sees them there.</summary>
[Collection(MulticloudPlatformCollection.Name)]
public sealed class MemberClusterTests(MulticloudPlatform platform)
{
    private const string Members = $"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}/clusters";

    [Fact]
    public async Task The_embedded_instance_is_listed_running()
    {
        var instances = await platform.Admin().GetFromJsonAsync<JsonElement>($"{MulticloudPlatform.Kairship}/instances");

        var instance = Assert.Single(instances.GetProperty("items").EnumerateArray());
        Assert.Equal(MulticloudPlatform.Instance, instance.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal("INSTANCE_STATE_RUNNING", instance.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(1, instances.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Joined_members_are_Karmada_clusters_with_their_provider_region_and_labels_and_kubectl_lists_them()
    {
        await platform.JoinMembersAsync();

        var members = await platform.Admin().GetFromJsonAsync<JsonElement>(Members);
        var byName = members.GetProperty("items").EnumerateArray().ToDictionary(m => m.GetProperty("metadata").GetProperty("name").GetString()!);
        Assert.Equal(MulticloudPlatform.Members, byName.Keys.Order());
        Assert.Equal("eu-west", byName["member-3"].GetProperty("spec").GetProperty("region").GetString());
        Assert.Equal("gold", byName["member-1"].GetProperty("metadata").GetProperty("labels").GetProperty("tier").GetString());

        await Eventually.Until(async () => (await platform.Admin().GetFromJsonAsync<JsonElement>(Members)).GetProperty("items").EnumerateArray()
            .All(m => m.GetProperty("status").GetProperty("phase").GetString() == "RUNNING"), "every member's phase RUNNING, read from its Ready condition");

        var kubectl = new Kubectl(platform.Clusters.KubeconfigPath(MulticloudPlatform.Instance));
        Assert.Equal("azure Push", (await kubectl.OkAsync("get", "clusters.cluster.karmada.io", "member-2", "-o", "jsonpath={.spec.provider} {.spec.syncMode}")).Trim());
        var listed = await kubectl.OkAsync("get", "clusters.cluster.karmada.io", "-o", "name");
        Assert.Contains("member-3", listed, StringComparison.Ordinal);
        var secret = await kubectl.OkAsync("get", "secret", "-n", "karmada-cluster", "member-1", "-o", "jsonpath={.data.kubeconfig}");
        Assert.NotEmpty(secret);
    }

    [Fact]
    public async Task A_cluster_Container_Management_never_joined_cannot_become_a_member()
    {
        var response = await platform.Admin().PostAsJsonAsync($"{Members}/nowhere", new { cluster = new { } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not joined to Container Management", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_label_is_refused_with_its_field_and_nothing_is_joined()
    {
        await platform.OfferAsync("member-4", kubeconfigOf: "member-1");

        var response = await platform.Admin().PostAsJsonAsync($"{Members}/member-4",
            new { cluster = new { metadata = new { labels = new Dictionary<string, string> { ["bad key!"] = "x" } } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cluster.metadata.labels.bad key!", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var members = await platform.Admin().GetFromJsonAsync<JsonElement>(Members);
        Assert.DoesNotContain(members.GetProperty("items").EnumerateArray(), m => m.GetProperty("metadata").GetProperty("name").GetString() == "member-4");
    }
}
