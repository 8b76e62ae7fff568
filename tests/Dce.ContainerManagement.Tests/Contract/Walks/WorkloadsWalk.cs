using System.Text.Json.Nodes;
using Dce.Testing;
using k8s;
using k8s.Models;
using static Dce.ContainerManagement.Tests.Contract.KpandaContract;
using static Dce.Testing.Contract.ContractWalk;
using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>
/// Deployments, StatefulSets, DaemonSets, Jobs and CronJobs: created from DCE's {data} manifests, listed (namespace,
/// cluster, every cluster), read, read and replaced as JSON, patched, restarted, paused and resumed, stopped and
/// started, rolled back and deleted; a CronJob's Jobs; CreateResources; the module's form, scale and revisions; and the
/// ReplicaSets and ControllerRevisions the workloads leave behind.
/// </summary>
internal sealed class WorkloadsWalk : IContractWalkStep
{
    private static readonly string[] Kinds = ["deployments", "statefulsets", "daemonsets", "jobs", "cronjobs"];

    public int Order => 20;

    public async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var (clusterPath, nsPath) = (target.ClusterPath, target.NamespacePath);
        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/deployments/json", Data(Deployment));
        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/statefulsets/json", Data(StatefulSet));
        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/daemonsets/json", Data(DaemonSet));
        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/jobs/json", Data(Job));
        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/cronjobs/json", Data(CronJob));
        foreach (var kind in Kinds)
        {
            await walk.CallAsync(HttpMethod.Post, $"{nsPath}/{kind}", new { name = "form-web", image = "nginx:1.27", replicas = 1, schedule = kind == "cronjobs" ? "0 4 * * *" : null });
        }

        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/resources", new { data = new[] { ConfigMap("walk-a"), ConfigMap("walk-b") } });

        foreach (var kind in Kinds)
        {
            // Every item names its cluster (metadata.cluster), which the lists across clusters need to tell them apart.
            foreach (var list in new[] { $"{nsPath}/{kind}", $"{clusterPath}/{kind}", $"{Root}/asl/{kind}" })
            {
                var clusters = ((await walk.GetAsync(list))?["items"]?.AsArray() ?? []).Select(item => item?["metadata"]?["cluster"]?.GetValue<string>()).ToList();
                Assert.Contains(target.Cluster, clusters);
                Assert.DoesNotContain(clusters, string.IsNullOrEmpty);
            }

            await walk.GetAsync($"{nsPath}/{kind}/walk");
            var json = await walk.GetAsync($"{nsPath}/{kind}/walk/json");
            if (json?["data"]?.GetValue<string>() is { } data && JsonNode.Parse(data) is JsonObject current)
            {
                current["metadata"]!["labels"]!["walked"] = "yes";
                await walk.CallAsync(HttpMethod.Put, $"{nsPath}/{kind}/walk/json", Data(current.ToJsonString()));
            }

            await walk.CallAsync(HttpMethod.Patch, $"{nsPath}/{kind}/walk", Data("""{"metadata":{"annotations":{"walk.dce.io/patched":"yes"}}}"""));
        }

        await NewTemplateAsync(walk, nsPath, "deployments");
        await NewTemplateAsync(walk, nsPath, "statefulsets");
        await NewTemplateAsync(walk, nsPath, "daemonsets");
        await TwoRevisionsAsync(target);

        foreach (var kind in new[] { "deployments", "statefulsets", "daemonsets", "jobs" })
        {
            await walk.CallAsync(HttpMethod.Post, $"{nsPath}/{kind}/walk:restart", new { });
        }

        foreach (var kind in new[] { "deployments", "cronjobs" })
        {
            await walk.CallAsync(HttpMethod.Post, $"{nsPath}/{kind}/walk:pause", new { paused = true });
            await walk.CallAsync(HttpMethod.Post, $"{nsPath}/{kind}/walk:resume", new { paused = false });
        }

        foreach (var kind in new[] { "deployments", "statefulsets" })
        {
            await walk.CallAsync(HttpMethod.Post, $"{nsPath}/{kind}/walk:scale", new { replicas = 2 });
            await walk.CallAsync(HttpMethod.Post, $"{nsPath}/{kind}/walk:stop");
            await walk.CallAsync(HttpMethod.Post, $"{nsPath}/{kind}/walk:start");
        }

        foreach (var kind in new[] { "deployments", "statefulsets", "daemonsets" })
        {
            var revisions = await walk.GetAsync($"{nsPath}/{kind}/walk/revisions");
            var first = revisions?.AsArray().Select(r => r?["revision"]?.GetValue<long>()).Min() ?? 1;
            await walk.CallAsync(HttpMethod.Post, $"{nsPath}/{kind}/walk:rollback", new { revision = first.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        await CronJobsJobAsync(target);
        await walk.GetAsync($"{nsPath}/cronjobs/walk/jobs");

        await ReplicaSetsAsync(walk, clusterPath, nsPath);
        await walk.GetAsync($"{nsPath}/controllerrevisions");

        foreach (var kind in Kinds)
        {
            await walk.DeleteAsync($"{nsPath}/{kind}/walk");
        }

        foreach (var kind in Kinds)
        {
            await walk.DeleteAsync($"{nsPath}/{kind}/form-web");
        }
    }

    private static async Task NewTemplateAsync(ContractWalk walk, string nsPath, string kind) =>
        await walk.CallAsync(HttpMethod.Patch, $"{nsPath}/{kind}/walk",
            """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}""", "application/strategic-merge-patch+json");

    /// <summary>Rollback needs a second revision of each workload, which the cluster's controllers record after the new template.</summary>
    private static async Task TwoRevisionsAsync(WalkTarget target)
    {
        using var kube = target.Fixture.Kube();
        try
        {
            await Eventually.Until(async () =>
            {
                var sets = await kube.AppsV1.ListNamespacedReplicaSetAsync(target.Namespace);
                var revisions = await kube.AppsV1.ListNamespacedControllerRevisionAsync(target.Namespace);
                return sets.Items.Count(s => s.Metadata.OwnerReferences?.Any(o => o.Name == "walk") == true) >= 2
                    && revisions.Items.Count(r => r.Metadata.OwnerReferences?.Any(o => o is { Kind: "StatefulSet", Name: "walk" }) == true) >= 2
                    && revisions.Items.Count(r => r.Metadata.OwnerReferences?.Any(o => o is { Kind: "DaemonSet", Name: "walk" }) == true) >= 2;
            }, "two revisions of the Deployment, StatefulSet and DaemonSet", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            // The rollbacks below then fail and the walk names them.
        }
    }

    /// <summary>A Job started from the CronJob, as <c>kubectl create job --from=cronjob/walk</c> makes one.</summary>
    private static async Task CronJobsJobAsync(WalkTarget target)
    {
        using var kube = target.Fixture.Kube();
        var cronJob = (await kube.BatchV1.ListNamespacedCronJobAsync(target.Namespace)).Items.FirstOrDefault(c => c.Name() == "walk");
        if (cronJob is null)
        {
            return;
        }

        var job = new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = "walk-manual",
                OwnerReferences = [new V1OwnerReference { ApiVersion = "batch/v1", Kind = "CronJob", Name = "walk", Uid = cronJob.Uid(), Controller = true }],
            },
            Spec = cronJob.Spec.JobTemplate.Spec,
        };
        await kube.BatchV1.CreateNamespacedJobAsync(job, target.Namespace);
    }

    private static async Task ReplicaSetsAsync(ContractWalk walk, string clusterPath, string nsPath)
    {
        var sets = await walk.GetAsync($"{nsPath}/replicasets");
        await walk.GetAsync($"{clusterPath}/replicasets");
        if (sets?["items"]?.AsArray().Select(s => s?["metadata"]?["name"]?.GetValue<string>()).FirstOrDefault(n => n?.StartsWith("walk-", StringComparison.Ordinal) == true) is not { } name)
        {
            return;
        }

        await walk.GetAsync($"{nsPath}/replicasets/{name}");
        var json = await walk.GetAsync($"{nsPath}/replicasets/{name}/json");
        if (json?["data"]?.GetValue<string>() is { } data && JsonNode.Parse(data) is JsonObject current)
        {
            current["metadata"]!["annotations"] ??= new JsonObject();
            current["metadata"]!["annotations"]!["walk.dce.io/replaced"] = "yes";
            await walk.CallAsync(HttpMethod.Put, $"{nsPath}/replicasets/{name}", Data(current.ToJsonString()));
        }

        await walk.DeleteAsync($"{nsPath}/replicasets/{name}");
    }

    private static string ConfigMap(string name) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata: {"{"}name: {name}{"}"}
        data: {"{"}walked: "yes"{"}"}
        """;

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: walk, labels: {app: walk}}
        spec:
          replicas: 1
          selector: {matchLabels: {app: walk}}
          template:
            metadata: {labels: {app: walk}}
            spec: {containers: [{name: web, image: "nginx:1.27"}]}
        """;

    private const string StatefulSet = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: walk, labels: {app: walk-sts}}
        spec:
          replicas: 1
          serviceName: walk
          selector: {matchLabels: {app: walk-sts}}
          template:
            metadata: {labels: {app: walk-sts}}
            spec: {containers: [{name: web, image: "nginx:1.27"}]}
        """;

    private const string DaemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: walk, labels: {app: walk-ds}}
        spec:
          selector: {matchLabels: {app: walk-ds}}
          template:
            metadata: {labels: {app: walk-ds}}
            spec: {containers: [{name: web, image: "nginx:1.27"}]}
        """;

    private const string Job = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: walk, labels: {app: walk-job}}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: work, image: "busybox:1.36", command: [sh, -c, "true"]}]
        """;

    private const string CronJob = """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: walk, labels: {app: walk-cron}}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: work, image: "busybox:1.36", command: [sh, -c, "true"]}]
        """;
}
