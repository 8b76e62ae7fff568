using Dce.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Dce.KubeSim.Tests.Client;

[Collection(KubeSimCollection.Name)]
public sealed class WorkloadTests(KubeSimServer server)
{
    private static V1PodTemplateSpec Template(string app, string restartPolicy = "Always") => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1PodSpec { RestartPolicy = restartPolicy, Containers = [new V1Container { Name = app, Image = "busybox:1.36" }] },
    };

    [Fact]
    public async Task A_stateful_set_creates_pods_by_ordinal_with_their_claims()
    {
        using var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "sts");
        await client.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "db" },
            Spec = new V1StatefulSetSpec
            {
                Replicas = 3, ServiceName = "db", Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "db" } },
                Template = Template("db"),
                VolumeClaimTemplates = [new V1PersistentVolumeClaim
                {
                    Metadata = new V1ObjectMeta { Name = "data" },
                    Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"], Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } } },
                }],
            },
        }, ns);

        await server.Kubectl().OkAsync("-n", ns, "rollout", "status", "statefulset/db", "--timeout=90s");
        await Eventually.Until(async () => (await client.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Status?.ReadyReplicas == 3, "three ready replicas");
        var pods = await client.CoreV1.ListNamespacedPodAsync(ns);
        var claims = await client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(ns);

        Assert.Equal(["db-0", "db-1", "db-2"], pods.Items.Select(p => p.Metadata.Name).Order());
        Assert.Equal(["data-db-0", "data-db-1", "data-db-2"], claims.Items.Select(c => c.Metadata.Name).Order());
    }

    [Fact]
    public async Task A_daemon_set_runs_one_pod_on_every_schedulable_node()
    {
        using var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "ds");
        var nodes = (await client.CoreV1.ListNodeAsync()).Items.Where(n => n.Spec.Taints is null or { Count: 0 }).Select(n => n.Metadata.Name).ToList();
        await client.AppsV1.CreateNamespacedDaemonSetAsync(new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = "agent" },
            Spec = new V1DaemonSetSpec { Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } }, Template = Template("agent") },
        }, ns);

        await Eventually.Until(async () => (await client.AppsV1.ReadNamespacedDaemonSetAsync("agent", ns)).Status?.NumberReady == nodes.Count, "an agent on every node");
        await server.Kubectl().OkAsync("-n", ns, "rollout", "status", "daemonset/agent", "--timeout=90s");
        var placed = (await client.CoreV1.ListNamespacedPodAsync(ns)).Items.Select(p => p.Spec.NodeName).Order();

        Assert.Equal(nodes.Order(), placed);
    }

    [Fact]
    public async Task A_job_runs_to_its_completions_and_reports_complete()
    {
        using var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "job");
        await client.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "migrate" },
            Spec = new V1JobSpec { Completions = 3, Parallelism = 2, Template = Template("migrate", "Never") },
        }, ns);

        await Eventually.Until(async () => (await client.BatchV1.ReadNamespacedJobAsync("migrate", ns)).Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true, "job complete");
        var job = await client.BatchV1.ReadNamespacedJobAsync("migrate", ns);

        Assert.Equal(3, job.Status.Succeeded);
        await server.Kubectl().OkAsync("-n", ns, "wait", "--for=condition=complete", "job/migrate", "--timeout=60s");
    }

    [Fact]
    public async Task The_scale_subresource_reads_and_changes_replicas()
    {
        using var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "scale");
        await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "api" },
            Spec = new V1DeploymentSpec { Replicas = 1, Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "api" } }, Template = Template("api") },
        }, ns);

        var scale = await client.AppsV1.ReadNamespacedDeploymentScaleAsync("api", ns);
        await client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("{\"spec\":{\"replicas\":4}}", V1Patch.PatchType.MergePatch), "api", ns);
        await Eventually.Until(async () => (await client.AppsV1.ReadNamespacedDeploymentAsync("api", ns)).Status?.AvailableReplicas == 4, "four available replicas");

        Assert.Equal(1, scale.Spec.Replicas);
        Assert.Equal("app=api", scale.Status.Selector);
        Assert.Equal(4, (await client.AppsV1.ReadNamespacedDeploymentScaleAsync("api", ns)).Status.Replicas);
    }

    [Fact]
    public async Task A_pod_that_no_node_accepts_stays_pending_with_a_scheduling_event()
    {
        using var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "pending");
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "picky" },
            Spec = new V1PodSpec { NodeSelector = new Dictionary<string, string> { ["kubernetes.io/arch"] = "s390x" }, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        };
        var arm = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "arm" },
            Spec = new V1PodSpec { NodeSelector = new Dictionary<string, string> { ["kubernetes.io/arch"] = "arm64" }, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        };

        await client.CoreV1.CreateNamespacedPodAsync(pod, ns);
        await client.CoreV1.CreateNamespacedPodAsync(arm, ns);
        await Eventually.Until(async () => (await client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.name=picky,reason=FailedScheduling")).Items.Count > 0, "a FailedScheduling event");
        await Eventually.Until(async () => (await client.CoreV1.ReadNamespacedPodAsync("arm", ns)).Status.Phase == "Running", "the arm64 pod running");

        Assert.Equal("Pending", (await client.CoreV1.ReadNamespacedPodAsync("picky", ns)).Status.Phase);
        var node = await client.CoreV1.ReadNodeAsync((await client.CoreV1.ReadNamespacedPodAsync("arm", ns)).Spec.NodeName);
        Assert.Equal("arm64", node.Metadata.Labels["kubernetes.io/arch"]);
    }

    [Fact]
    public async Task Pod_logs_honour_tail_lines_and_metrics_report_usage()
    {
        using var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "logs");
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "talker" }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "busybox" }] } }, ns);
        await Eventually.Until(async () => (await client.CoreV1.ReadNamespacedPodAsync("talker", ns)).Status.Phase == "Running", "pod running");

        var logs = await server.Kubectl().OkAsync("-n", ns, "logs", "talker", "--tail=2");
        var top = await server.Kubectl().OkAsync("top", "nodes");

        Assert.Equal(2, logs.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("CPU(cores)", top, StringComparison.Ordinal);
    }
}
