using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using static Dce.Testing.Contract.ContractWalk;
using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>
/// Services, ConfigMaps and Secrets: each created from DCE's YAML and from the module's form, listed in the namespace
/// and the cluster, read, read as JSON, replaced both ways, patched, and deleted; the ConfigMap and Secret used by a
/// Deployment (<see cref="WalkWorkload"/>) list it and its pods as related. Every secret answer is checked to be masked.
/// </summary>
internal sealed class ConfigurationWalk : IContractWalkStep
{
    public int Order => 20;

    public async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var (clusterPath, nsPath) = (target.ClusterPath, target.NamespacePath);
        await ConfigMapsAsync(walk, clusterPath, nsPath);
        await SecretsAsync(walk, clusterPath, nsPath);
        await WalkWorkload.CreateAsync(target);
        foreach (var related in new[] { $"{nsPath}/configmaps/{WalkWorkload.ConfigMap}/related", $"{nsPath}/secrets/{WalkWorkload.Secret}/related" })
        {
            var answer = await walk.GetAsync(related);
            Assert.Contains(WalkWorkload.Name, answer?["deployments"]?.AsArray().Select(d => d?["metadata"]?["name"]?.GetValue<string>()) ?? []);
        }
        await ServicesAsync(walk, clusterPath, nsPath);
    }

    private static async Task ConfigMapsAsync(ContractWalk walk, string clusterPath, string nsPath)
    {
        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/configmaps", Data($"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {"{"}name: {WalkWorkload.ConfigMap}, labels: {"{"}app: walk{"}"}{"}"}
            data: {"{"}mode: walk{"}"}
            """));
        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/configmaps", new { name = "walk-form", data = new Dictionary<string, string> { ["a"] = "1" } });
        await walk.GetAsync($"{nsPath}/configmaps");
        await walk.GetAsync($"{clusterPath}/configmaps");
        await walk.GetAsync($"{nsPath}/configmaps/{WalkWorkload.ConfigMap}");
        var json = await walk.GetAsync($"{nsPath}/configmaps/{WalkWorkload.ConfigMap}/json");
        if (json?["data"]?.GetValue<string>() is { } text && JsonNode.Parse(text) is JsonObject current)
        {
            current["metadata"]!["labels"] = new JsonObject { ["walked"] = "yes" };
            await walk.CallAsync(HttpMethod.Put, $"{nsPath}/configmaps/{WalkWorkload.ConfigMap}", Data(current.ToJsonString()));
        }

        await walk.CallAsync(HttpMethod.Put, $"{nsPath}/configmaps/walk-form", new { data = new Dictionary<string, string> { ["a"] = "2" } });
        await walk.CallAsync(HttpMethod.Patch, $"{nsPath}/configmaps/{WalkWorkload.ConfigMap}/json", new { data = new Dictionary<string, string> { ["extra"] = "yes" } });
        await walk.CallAsync(HttpMethod.Patch, $"{nsPath}/configmaps/walk-form/json", Data("""{"metadata":{"labels":{"patched":"yes"}}}"""));
        await walk.DeleteAsync($"{nsPath}/configmaps/walk-form");
    }

    private static async Task SecretsAsync(ContractWalk walk, string clusterPath, string nsPath)
    {
        var secret = $"{nsPath}/secrets/{WalkWorkload.Secret}";
        Masked(await walk.CallAsync(HttpMethod.Post, $"{nsPath}/secrets", Data($"""
            apiVersion: v1
            kind: Secret
            metadata: {"{"}name: {WalkWorkload.Secret}{"}"}
            data: {"{"}password: {WalkWorkload.EncodedValue}{"}"}
            """)));
        Masked(await walk.CallAsync(HttpMethod.Post, $"{nsPath}/secrets", new { name = "walk-form", data = new Dictionary<string, string> { ["token"] = WalkWorkload.SecretValue } }));
        Masked(await walk.GetAsync($"{nsPath}/secrets"));
        Masked(await walk.GetAsync($"{clusterPath}/secrets"));
        Masked(await walk.GetAsync(secret));
        var json = await walk.GetAsync($"{secret}/json");
        Masked(json);
        var revealed = await walk.GetAsync($"{secret}?revealValues=true");
        Assert.Equal(WalkWorkload.SecretValue, revealed?["data"]?["password"]?.GetValue<string>());
        if (json?["data"]?.GetValue<string>() is { } text && JsonNode.Parse(text) is JsonObject current)
        {
            current["metadata"]!["labels"] = new JsonObject { ["walked"] = "yes" };
            current["data"] = new JsonObject { ["password"] = WalkWorkload.EncodedValue };
            Masked(await walk.CallAsync(HttpMethod.Put, secret, Data(current.ToJsonString())));
        }

        Masked(await walk.CallAsync(HttpMethod.Put, $"{nsPath}/secrets/walk-form", new { data = new Dictionary<string, string> { ["token"] = WalkWorkload.SecretValue } }));
        Masked(await walk.CallAsync(HttpMethod.Patch, $"{secret}/json", new { data = new Dictionary<string, string> { ["extra"] = WalkWorkload.SecretValue } }));
        Masked(await walk.CallAsync(HttpMethod.Patch, $"{nsPath}/secrets/walk-form/json", Data("""{"metadata":{"labels":{"patched":"yes"}}}""")));
        var extra = await walk.GetAsync($"{secret}?revealValues=true");
        Assert.Equal(WalkWorkload.SecretValue, extra?["data"]?["extra"]?.GetValue<string>());
        await walk.DeleteAsync($"{nsPath}/secrets/walk-form");
    }

    private static async Task ServicesAsync(ContractWalk walk, string clusterPath, string nsPath)
    {
        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/services", Data($"""
            apiVersion: v1
            kind: Service
            metadata: {"{"}name: {WalkWorkload.Name}{"}"}
            spec:
              selector: {"{"}app: {WalkWorkload.Name}{"}"}
              ports: [{"{"}port: 80, targetPort: 8080{"}"}]
            """));
        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/services", new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "walk-form" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 81 }], Selector = new Dictionary<string, string> { ["app"] = WalkWorkload.Name } },
        }.ToJsonText());
        await walk.GetAsync($"{nsPath}/services");
        await walk.GetAsync($"{nsPath}/services?type=ClusterIP");
        await walk.GetAsync($"{clusterPath}/services");
        await walk.GetAsync($"{nsPath}/services/{WalkWorkload.Name}");
        var json = await walk.GetAsync($"{nsPath}/services/{WalkWorkload.Name}/json");
        if (json?["data"]?.GetValue<string>() is { } text && JsonNode.Parse(text) is JsonObject current)
        {
            current["metadata"]!["labels"] = new JsonObject { ["walked"] = "yes" };
            await walk.CallAsync(HttpMethod.Put, $"{nsPath}/services/{WalkWorkload.Name}", Data(current.ToJsonString()));
        }

        await walk.CallAsync(HttpMethod.Put, $"{nsPath}/services/walk-form", new V1Service
        {
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 82 }] },
        }.ToJsonText());
        await walk.CallAsync(HttpMethod.Patch, $"{nsPath}/services/{WalkWorkload.Name}", Data("""{"metadata":{"labels":{"patched":"yes"}}}"""));
        await walk.DeleteAsync($"{nsPath}/services/walk-form");
    }

    /// <summary>No answer of a secrets path carries the value, plain or encoded, nor the annotation that repeats it.</summary>
    internal static void Masked(JsonNode? answer)
    {
        var text = answer?.ToJsonString() ?? "";
        Assert.DoesNotContain(WalkWorkload.SecretValue, text, StringComparison.Ordinal);
        Assert.DoesNotContain(WalkWorkload.EncodedValue, text, StringComparison.Ordinal);
        Assert.DoesNotContain("last-applied-configuration", text, StringComparison.Ordinal);
    }
}

internal static class ServiceJson
{
    /// <summary>The Service as the module's form takes it: the object in Kubernetes' JSON.</summary>
    public static string ToJsonText(this V1Service service) => KubernetesJson.Serialize(service);
}
