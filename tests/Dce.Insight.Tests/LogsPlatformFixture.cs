using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.Insight.Tests;

/// <summary>One platform for the log and event tests, and what they need of it: workloads, pods and scoped callers.</summary>
public sealed class LogsPlatformFixture : IAsyncLifetime
{
    private const string Ghippo = "/apis/ghippo.io/v1alpha1";
    private const string Password = "Viewer-Pa55-word";

    public InsightPlatform Platform { get; } = new();

    public Task InitializeAsync() => Platform.InitializeAsync();

    public Task DisposeAsync() => Platform.DisposeAsync();

    /// <summary>A one-replica Deployment whose container is named <paramref name="container"/>, so its log lines carry that name; its running pod's name.</summary>
    public async Task<string> RunDeploymentAsync(string cluster, string ns, string name, string container)
    {
        var client = Platform.Clusters.Client(cluster);
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }
        catch (k8s.Autorest.HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }

        var labels = new Dictionary<string, string> { ["app"] = name };
        await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = container, Image = "nginx:1.27" }] },
                },
            },
        }, ns);
        string? pod = null;
        await Eventually.Until(async () =>
        {
            var pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"app={name}");
            pod = pods.Items.FirstOrDefault(p => p.Status?.Phase == "Running")?.Metadata.Name;
            return pod is not null;
        }, $"a running pod of {name}");
        return pod!;
    }

    /// <summary>A user who views <paramref name="ns"/> of <paramref name="cluster"/> through a workspace of their own, and nothing else.</summary>
    public async Task<HttpClient> NamespaceViewerAsync(string cluster, string ns)
    {
        var admin = await Platform.Identity.AdminClientAsync();
        await Platform.Identity.JoinClusterAsync(cluster);
        var workspace = await (await admin.PostAsJsonAsync($"{Ghippo}/workspaces", new { name = $"logs-{ns}" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var id = workspace.GetProperty("id").GetInt32();
        (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{id}/bind-resource", new { cluster, @namespace = ns })).EnsureSuccessStatusCode();
        var user = await (await admin.PostAsJsonAsync($"{Ghippo}/users", new { name = $"viewer-{ns}", password = Password, enabled = true }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{id}/authorize", new { subjectKind = "User", subjectId = user.GetProperty("id").GetGuid(), roleName = "ns-viewer" }))
            .EnsureSuccessStatusCode();
        return Platform.Insight.ClientWithToken(await Platform.Identity.LoginAsync($"viewer-{ns}", Password));
    }
}

[CollectionDefinition(Name)]
public sealed class LogsCollection : ICollectionFixture<LogsPlatformFixture>
{
    public const string Name = "Logs and events";
}
