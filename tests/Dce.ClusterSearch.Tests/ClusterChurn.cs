using k8s;
using k8s.Models;

namespace Dce.ClusterSearch.Tests;

/// <summary>Creates, updates, relabels and deletes objects in a cluster through its API.</summary>
public sealed class ClusterChurn(IKubernetes client, string ns)
{
    public async Task EnsureNamespaceAsync()
    {
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }
        catch (k8s.Autorest.HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Already there from an earlier round.
        }
    }

    public Task CreateConfigMapAsync(string name, IDictionary<string, string> labels) =>
        client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, Data = new Dictionary<string, string> { ["v"] = "1" } }, ns);

    public async Task UpdateConfigMapAsync(string name, string value)
    {
        var map = await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns);
        map.Data = new Dictionary<string, string> { ["v"] = value };
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(map, name, ns);
    }

    public async Task RelabelConfigMapAsync(string name, IDictionary<string, string> labels)
    {
        var map = await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns);
        map.Metadata.Labels = labels;
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(map, name, ns);
    }

    public Task DeleteConfigMapAsync(string name) => client.CoreV1.DeleteNamespacedConfigMapAsync(name, ns);

    public Task CreateSecretAsync(string name, string value) =>
        client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = name }, StringData = new Dictionary<string, string> { ["password"] = value } }, ns);

    public Task CreateDeploymentAsync(string name, int replicas) =>
        client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] },
                },
            },
        }, ns);

    public Task DeleteDeploymentAsync(string name) =>
        client.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, propagationPolicy: "Foreground");

    /// <summary>A round of every kind of change on configmaps named <c>{prefix}-*</c>.</summary>
    public async Task RoundAsync(string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await CreateConfigMapAsync($"{prefix}-{i}", new Dictionary<string, string> { ["app"] = i % 2 == 0 ? "web" : "db", ["round"] = prefix });
        }

        for (var i = 0; i < count; i += 3)
        {
            await UpdateConfigMapAsync($"{prefix}-{i}", "2");
        }

        for (var i = 1; i < count; i += 3)
        {
            await RelabelConfigMapAsync($"{prefix}-{i}", new Dictionary<string, string> { ["app"] = "cache", ["tier"] = "backend" });
        }

        for (var i = 2; i < count; i += 3)
        {
            await DeleteConfigMapAsync($"{prefix}-{i}");
        }
    }
}
