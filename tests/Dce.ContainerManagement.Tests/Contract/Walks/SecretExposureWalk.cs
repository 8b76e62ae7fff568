using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>
/// The attacker's side of secrets, on the walk's live module: a member who may read, list and create secrets but holds
/// neither <c>secret-values</c> nor <c>serviceaccounts</c> sees no value on any path (revealValues is refused, or masked
/// in the cluster's list), sees no workload through what uses a secret, and cannot mint a service account token, by YAML or by the form.
/// </summary>
internal sealed class SecretExposureWalk : IContractWalkStep
{
    private const string Value = "attacker-wants-this";

    public int Order => 50;

    public async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var platform = target.Fixture.Platform;
        var ns = await target.Fixture.NamespaceAsync();
        using (var kube = target.Fixture.Kube())
        {
            await kube.CoreV1.CreateNamespacedSecretAsync(new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = "kept", Annotations = new Dictionary<string, string> { ["kubectl.kubernetes.io/last-applied-configuration"] = Value } },
                Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes(Value) },
            }, ns);
            await kube.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "deployer" } }, ns);
            var user = PlatformFixture.Deployment("user", 0);
            user.Spec.Template.Spec.Containers[0].EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "kept" } }];
            await kube.AppsV1.CreateNamespacedDeploymentAsync(user, ns);
        }

        var workspace = await PlatformAccess.WorkspaceHoldingAsync(platform, target.Cluster, ns);
        using var member = await PlatformAccess.MemberAsync(platform, workspace, ("secrets", "get"), ("secrets", "list"), ("secrets", "create"));
        var secrets = $"{target.ClusterPath}/namespaces/{ns}/secrets";

        foreach (var refused in new[] { $"{secrets}?revealValues=true", $"{secrets}/kept?revealValues=true", $"{secrets}/kept/json?revealValues=true" })
        {
            using var answer = await member.GetAsync(refused);
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
            Assert.DoesNotContain(Value, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var masked in new[] { secrets, $"{secrets}/kept", $"{secrets}/kept/json", $"{target.ClusterPath}/secrets?revealValues=true" })
        {
            using var answer = await member.GetAsync(masked);
            var text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.IsSuccessStatusCode, $"{masked}: {(int)answer.StatusCode} {text}");
            Assert.Contains("******", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Value, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Value)), text, StringComparison.Ordinal);
        }

        // What uses the secret shows only to who may list it: this member may list neither workloads nor pods.
        using var admin = platform.AdminClient();
        static async Task<int> UsersAsync(HttpClient client, string path) =>
            JsonNode.Parse(await client.GetStringAsync(path))?["deployments"]?.AsArray().Count ?? -1;
        Assert.Equal(1, await UsersAsync(admin, $"{secrets}/kept/related"));
        Assert.Equal(0, await UsersAsync(member, $"{secrets}/kept/related"));

        var tokenYaml = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: minted
              annotations: {kubernetes.io/service-account.name: deployer}
            type: kubernetes.io/service-account-token
            """;
        using var byYaml = await member.PostAsJsonAsync(secrets, new { data = tokenYaml });
        using var byForm = await member.PostAsJsonAsync(secrets, new { name = "minted", type = "kubernetes.io/service-account-token", data = new Dictionary<string, string>() });
        Assert.Equal(HttpStatusCode.Forbidden, byYaml.StatusCode);
        Assert.Contains("serviceaccounts", await byYaml.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byForm.StatusCode);
        using (var kube = target.Fixture.Kube())
        {
            Assert.Empty((await kube.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "metadata.name=minted")).Items);
        }

        var opaque = JsonNode.Parse(await (await member.PostAsJsonAsync(secrets, new { data = "apiVersion: v1\nkind: Secret\nmetadata: {name: plain}\ndata: {k: dmFsdWU=}" }))
            .Content.ReadAsStringAsync());
        Assert.Contains("******", opaque?["data"]?.GetValue<string>() ?? "", StringComparison.Ordinal);
        _ = walk;
    }
}
