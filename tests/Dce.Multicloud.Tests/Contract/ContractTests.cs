using Dce.Multicloud.Apis.Objects;
using Dce.Testing;
using Dce.Testing.Contract;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace Dce.Multicloud.Tests.Contract;

/// <summary>
/// Walks every route of the module against the live platform: DCE's kairship operations must answer in DCE's published
/// shapes with real data, and every route must refuse an outsider (a user whose workspace holds nothing). The operations
/// proved are written to <c>TestResults/kairship-contract.txt</c>, which <c>scripts/contract-count.sh kairship</c> counts.
/// </summary>
[Collection(MulticloudPlatformCollection.Name)]
[Trait("Category", "Contract")]
public sealed class ContractTests(MulticloudPlatform platform, ITestOutputHelper output)
{
    /// <summary>The DCE operations proved so far; the walk may only grow.</summary>
    private const int ProvedAtLeast = 127;

    private const string Password = "Contract-Pa55-word";
    private const string Instance = $"{KairshipContract.Root}/instances/{MulticloudPlatform.Instance}";
    private const string Leaving = "member-3";
    private const string Patch = """{"metadata":{"labels":{"walk":"patched"}}}""";

    [Fact]
    public async Task Every_served_operation_answers_in_DCE_shape_and_refuses_an_outsider()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await platform.JoinMembersAsync();
        await platform.UserAsync($"walk-outsider-{suffix}", Password, await platform.WorkspaceAsync($"walk-empty-{suffix}"), "workspace-admin");
        using var outsider = await platform.ClientForAsync($"walk-outsider-{suffix}", Password);
        using var admin = platform.Admin();
        var walk = new ContractWalk(admin, outsider, ContractWalk.RoutesOf(platform.Module.Services, KairshipContract.Root), KairshipContract.Operations);

        await WalkInstancesAsync(walk);
        await WalkMembersAsync(walk);
        var ns = await WalkNamespacesAsync(walk, suffix);
        foreach (var kind in ServedKinds.All)
        {
            await WalkKindAsync(walk, kind, kind.Namespaced ? $"{Instance}/namespaces/{ns}/{kind.Segment}" : $"{Instance}/{kind.Segment}", suffix);
        }

        await WalkTemplateActionsAsync(walk, ns, suffix);
        await WalkSummariesAsync(walk, ns);
        await WalkMemberReadsAsync(walk);
        await WalkPromotionsAsync(walk, suffix);
        await WalkWorkspaceBindingsAsync(walk, ns, suffix);

        var proved = walk.PassedOperations.Order(StringComparer.Ordinal).ToList();
        var report = Path.Combine(RepositoryRoot.Path, "TestResults", "kairship-contract.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        await File.WriteAllLinesAsync(report, proved);
        var unwalked = walk.AllRoutes.Except(walk.SucceededRoutes).Order(StringComparer.Ordinal).ToList();
        var unrefused = walk.AllRoutes.Except(walk.RefusedRoutes).Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"{proved.Count} of {KairshipContract.Operations.All.Count} DCE operations proved; {unwalked.Count} routes not walked yet.");
        foreach (var route in unwalked)
        {
            output.WriteLine($"  not walked: {route}");
        }

        foreach (var route in unrefused)
        {
            output.WriteLine($"  never refused: {route}");
        }

        Assert.True(walk.Failures.Count == 0, string.Join(Environment.NewLine, walk.Failures));
        Assert.Empty(unwalked);
        Assert.Empty(unrefused);
        Assert.True(proved.Count >= ProvedAtLeast, $"Only {proved.Count} DCE operations were proved; at least {ProvedAtLeast} were before.");
    }

    private static async Task WalkInstancesAsync(ContractWalk walk)
    {
        await walk.GetAsync($"{KairshipContract.Root}/instances");
        await walk.GetAsync(Instance);
        await walk.GetAsync($"{Instance}/json");
        await walk.GetAsync($"{KairshipContract.Root}/kpanda-clusters");
        await walk.CallAsync(HttpMethod.Put, $"{Instance}/failover", new { enabled = true, timeout = new { failoverEvictionTimeout = "300" } });
        await walk.GetAsync($"{Instance}/failover");
    }

    /// <summary>One member leaves and joins again, so both are walked without disturbing the others.</summary>
    private static async Task WalkMembersAsync(ContractWalk walk)
    {
        var labels = new { cluster = new { metadata = new { labels = new Dictionary<string, string> { ["tier"] = "silver" } } } };
        await walk.GetAsync($"{Instance}/clusters");
        await walk.DeleteAsync($"{Instance}/clusters/{Leaving}");
        await walk.CallAsync(HttpMethod.Post, $"{Instance}/clusters/{Leaving}", labels);
        await walk.CallAsync(HttpMethod.Put, $"{Instance}/clusters/{Leaving}",
            new { cluster = new { metadata = new { labels = new Dictionary<string, string> { ["tier"] = "bronze" } }, spec = new { taints = Array.Empty<object>() } } });
    }

    private static async Task<string> WalkNamespacesAsync(ContractWalk walk, string suffix)
    {
        var ns = $"walk-{suffix}";
        var gone = $"walk-gone-{suffix}";
        await walk.CallAsync(HttpMethod.Post, $"{Instance}/namespaces", ContractWalk.Data($"metadata:\n  name: {ns}\n"));
        await walk.CallAsync(HttpMethod.Post, $"{Instance}/namespaces", ContractWalk.Data($"metadata:\n  name: {gone}\n"));
        await walk.GetAsync($"{Instance}/namespaces");
        await walk.GetAsync($"{Instance}/namespaces/{ns}");
        await walk.DeleteAsync($"{Instance}/namespaces/{gone}");
        return ns;
    }

    /// <summary>Create, read every way, replace, patch and delete one object; lists are read while a second object stays.</summary>
    private static async Task WalkKindAsync(ContractWalk walk, ServedKind kind, string collection, string suffix)
    {
        var name = WalkedObjects.Name(kind.Segment, $"walk-{suffix}");
        var kept = WalkedObjects.Name(kind.Segment, $"walk-kept-{suffix}");
        await walk.CallAsync(HttpMethod.Post, collection, ContractWalk.Data(WalkedObjects.Of(kind.Segment, kept)));
        await walk.CallAsync(HttpMethod.Post, collection, ContractWalk.Data(WalkedObjects.Of(kind.Segment, name)));
        await walk.GetAsync(collection);
        if (kind.Namespaced)
        {
            await walk.GetAsync($"{Instance}/{kind.Segment}");
        }

        await walk.GetAsync($"{collection}/{name}");
        await walk.GetAsync($"{collection}/{name}/json");
        await walk.CallAsync(HttpMethod.Put, $"{collection}/{name}", ContractWalk.Data(WalkedObjects.Of(kind.Segment, name, "second")));
        await walk.CallAsync(HttpMethod.Patch, $"{collection}/{name}", ContractWalk.Data(Patch));
        await walk.DeleteAsync($"{collection}/{name}");
    }

    /// <summary>What runs in a member, read from the member itself; an Ingress and a Secret are made there first, as a member's own users would.</summary>
    private async Task WalkMemberReadsAsync(ContractWalk walk)
    {
        var client = platform.Clusters.Client("member-1");
        var name = $"walk-{Guid.NewGuid():N}"[..13];
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = name }, StringData = new Dictionary<string, string> { ["k"] = "v" } }, "kube-system");
        await client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1IngressSpec { DefaultBackend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "kube-dns", Port = new V1ServiceBackendPort { Number = 53 } } } },
        }, "kube-system");
        var member = $"{Instance}/member-clusters/member-1";
        foreach (var segment in new[] { "deployments", "services", "ingresses" })
        {
            await walk.GetAsync($"{member}/{segment}");
            await walk.GetAsync($"{member}/namespaces/kube-system/{segment}");
        }

        await walk.GetAsync($"{member}/namespacesummary");
        foreach (var segment in new[] { "pods", "secrets", "services" })
        {
            await walk.GetAsync($"{Instance}/clusters/member-1/namespaces/kube-system/{segment}");
        }
    }

    /// <summary>A Deployment, a Service and an Ingress made in a member become multicloud ones.</summary>
    private async Task WalkPromotionsAsync(ContractWalk walk, string suffix)
    {
        var client = platform.Clusters.Client("member-1");
        var ns = $"walk-promo-{suffix}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var labels = new Dictionary<string, string> { ["app"] = "promoted" };
        await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "promoted" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] } },
            },
        }, ns);
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "promoted" },
            Spec = new V1ServiceSpec { Selector = labels, Ports = [new V1ServicePort { Port = 80 }] },
        }, ns);
        await client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress
        {
            Metadata = new V1ObjectMeta { Name = "promoted" },
            Spec = new V1IngressSpec { DefaultBackend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "promoted", Port = new V1ServiceBackendPort { Number = 80 } } } },
        }, ns);
        var member = $"{Instance}/member-clusters/member-1/namespaces/{ns}";
        await walk.CallAsync(HttpMethod.Post, $"{member}/deployments/promoted:promote", new { services = Array.Empty<string>() });
        await walk.CallAsync(HttpMethod.Post, $"{member}/services/promoted:promote", new { });
        await walk.CallAsync(HttpMethod.Post, $"{member}/ingresses/promoted:promote", new { });
    }

    /// <summary>DCE's template actions, and its odd paths for replacing a CronJob and patching a ConfigMap, on the objects the walk kept.</summary>
    private static async Task WalkTemplateActionsAsync(ContractWalk walk, string ns, string suffix)
    {
        var templates = $"{Instance}/namespaces/{ns}";
        var kept = $"walk-kept-{suffix}";
        foreach (var action in new[] { "pause", "resume", "restart" })
        {
            await walk.CallAsync(HttpMethod.Post, $"{templates}/deployments/{kept}:{action}");
        }

        await walk.CallAsync(HttpMethod.Post, $"{templates}/cronjobs/{kept}:pause");
        await walk.CallAsync(HttpMethod.Post, $"{templates}/cronjobs/{kept}:resume");
        await walk.CallAsync(HttpMethod.Put, $"{templates}/cronjobs", ContractWalk.Data(WalkedObjects.Of("cronjobs", kept, "second")));
        await walk.CallAsync(HttpMethod.Patch, $"{templates}/configmaps/{kept}/json", ContractWalk.Data(Patch));
    }

    /// <summary>What DCE's console reads to write policies; an event is recorded in the walk's namespace as a controller would.</summary>
    private async Task WalkSummariesAsync(ContractWalk walk, string ns)
    {
        await RecordEventAsync(ns);
        await walk.GetAsync($"{Instance}/clusters-labels");
        await walk.GetAsync($"{Instance}/clusters-locations");
        await walk.GetAsync($"{Instance}/namespacesummary");
        await walk.GetAsync($"{Instance}/events");
        await walk.GetAsync($"{Instance}/events/kinds");
        await walk.GetAsync($"{Instance}/namespaces/{ns}/events");
    }

    private async Task RecordEventAsync(string ns)
    {
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(platform.Clusters.KubeconfigPath(MulticloudPlatform.Instance)));
        await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"walk.{Guid.NewGuid():N}", NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference { Kind = "Deployment", Name = "walk", NamespaceProperty = ns, ApiVersion = "apps/v1" },
            Reason = "Walked",
            Message = "the contract walk passed by",
            Type = "Normal",
            Count = 1,
            FirstTimestamp = DateTime.UtcNow,
            LastTimestamp = DateTime.UtcNow,
            Source = new V1EventSource { Component = "contract-walk" },
        }, ns);
    }

    /// <summary>Bindings go to a workspace of their own, so the outsider's stays empty.</summary>
    private async Task WalkWorkspaceBindingsAsync(ContractWalk walk, string ns, string suffix)
    {
        var workspace = new { workspaceId = await platform.WorkspaceAsync($"walk-bound-{suffix}") };
        await walk.CallAsync(HttpMethod.Post, $"{KairshipContract.Root}/workspace-management/instances/-/actions",
            new { instance = MulticloudPlatform.Instance, workspace, action = "BIND" });
        await walk.CallAsync(HttpMethod.Post, $"{KairshipContract.Root}/workspace-management/namespaces/-/actions",
            new { @namespace = ns, instance = MulticloudPlatform.Instance, workspace, action = "BIND" });
        await walk.GetAsync($"{KairshipContract.Root}/workspace-management/instances");
        await walk.GetAsync($"{KairshipContract.Root}/workspace-management/namespaces");
        await walk.CallAsync(HttpMethod.Post, $"{KairshipContract.Root}/workspace-management/namespaces/-/actions",
            new { @namespace = ns, instance = MulticloudPlatform.Instance, workspace, action = "UNBIND" });
        await walk.CallAsync(HttpMethod.Post, $"{KairshipContract.Root}/workspace-management/instances/-/actions",
            new { instance = MulticloudPlatform.Instance, workspace, action = "UNBIND" });
    }
}
