using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DeploymentTests(ClusterFixture fixture)
{
    private IKubernetes Client => fixture.C1;

    private async Task<string> CreateReadyAsync(string ns, string name = "web", int replicas = 2, string image = "nginx:1.26")
    {
        await WorkloadOperations.CreateAsync(Client, WorkloadKind.Deployment, ns,
            new WorkloadForm { Name = name, Image = image, Replicas = replicas, Ports = [new ContainerPortForm(80)] });
        await WaitReadyAsync(ns, name, replicas);
        return name;
    }

    private Task WaitReadyAsync(string ns, string name, int replicas) => Eventually.Until(async () =>
    {
        var detail = await WorkloadOperations.GetAsync(Client, WorkloadKind.Deployment, ns, name);
        return detail.Pods.Count(PodReadiness.IsReady) == replicas && detail.Summary.Status == WorkloadStatus.Running;
    }, $"{replicas} ready pods of {ns}/{name}");

    [Fact]
    public async Task Form_creates_a_deployment_whose_pods_turn_ready()
    {
        var ns = await fixture.NamespaceAsync(Client);

        await CreateReadyAsync(ns);

        var summary = Assert.Single(await WorkloadOperations.ListAsync(Client, WorkloadKind.Deployment, ns));
        Assert.Equal(2, summary.ReadyReplicas);
        Assert.Equal(["nginx:1.26"], summary.Images);
        Assert.Equal("web", summary.Labels["app"]);
        var everywhere = await WorkloadOperations.ListAsync(Client, WorkloadKind.Deployment, null);
        Assert.Contains(everywhere, s => s.Namespace == ns && s.Name == "web");
    }

    [Fact]
    public async Task Invalid_form_reaches_no_cluster()
    {
        var ns = await fixture.NamespaceAsync(Client);

        var error = await Assert.ThrowsAsync<WorkloadFormException>(() =>
            WorkloadOperations.CreateAsync(Client, WorkloadKind.Deployment, ns, new WorkloadForm { Name = "Bad Name", Image = "" }));

        Assert.Contains("name", error.Errors.Keys);
        Assert.Empty(await WorkloadOperations.ListAsync(Client, WorkloadKind.Deployment, ns));
    }

    [Fact]
    public async Task Scale_to_five_gives_five_ready_pods()
    {
        var ns = await fixture.NamespaceAsync(Client);
        var name = await CreateReadyAsync(ns, replicas: 1);

        await WorkloadActions.ScaleAsync(Client, WorkloadKind.Deployment, ns, name, 5);

        await WaitReadyAsync(ns, name, 5);
    }

    [Fact]
    public async Task Rollback_restores_previous_image()
    {
        var ns = await fixture.NamespaceAsync(Client);
        var name = await CreateReadyAsync(ns);

        await WorkloadActions.SetImageAsync(Client, WorkloadKind.Deployment, ns, name, "web", "nginx:1.27");
        await Eventually.Until(async () =>
        {
            var detail = await WorkloadOperations.GetAsync(Client, WorkloadKind.Deployment, ns, name);
            return detail.Pods.Count(p => PodReadiness.IsReady(p) && p.Spec.Containers[0].Image == "nginx:1.27") == 2
                && detail.Pods.Count == 2;
        }, "rollout to nginx:1.27");

        var revisions = await WorkloadRevisions.ListAsync(Client, WorkloadKind.Deployment, ns, name);
        Assert.Equal(2, revisions.Count);
        Assert.Equal(["nginx:1.26"], revisions[0].Images);
        Assert.Equal(["nginx:1.27"], revisions[1].Images);

        await WorkloadRevisions.RollbackAsync(Client, WorkloadKind.Deployment, ns, name, revisions[0].Revision);

        var deployment = (V1Deployment)await WorkloadOperations.ReadAsync(Client, WorkloadKind.Deployment, ns, name);
        Assert.Equal("nginx:1.26", deployment.Spec.Template.Spec.Containers[0].Image);
        Assert.False(deployment.Spec.Template.Metadata.Labels.ContainsKey("pod-template-hash"));
        await Eventually.Until(async () =>
        {
            var detail = await WorkloadOperations.GetAsync(Client, WorkloadKind.Deployment, ns, name);
            return detail.Pods.Count == 2 && detail.Pods.All(p => PodReadiness.IsReady(p) && p.Spec.Containers[0].Image == "nginx:1.26");
        }, "rollback to nginx:1.26");
    }

    [Fact]
    public async Task Pause_and_resume_toggle_rollouts()
    {
        var ns = await fixture.NamespaceAsync(Client);
        var name = await CreateReadyAsync(ns, replicas: 1);

        await WorkloadActions.PauseAsync(Client, WorkloadKind.Deployment, ns, name);
        Assert.Equal(WorkloadStatus.Paused, (await WorkloadOperations.GetAsync(Client, WorkloadKind.Deployment, ns, name)).Summary.Status);

        await WorkloadActions.ResumeAsync(Client, WorkloadKind.Deployment, ns, name);
        var deployment = (V1Deployment)await WorkloadOperations.ReadAsync(Client, WorkloadKind.Deployment, ns, name);
        Assert.NotEqual(true, deployment.Spec.Paused);
    }

    [Fact]
    public async Task Restart_sets_the_restarted_at_template_annotation()
    {
        var ns = await fixture.NamespaceAsync(Client);
        var name = await CreateReadyAsync(ns, replicas: 1);
        var before = (await WorkloadOperations.GetAsync(Client, WorkloadKind.Deployment, ns, name)).Pods.Select(p => p.Metadata.Name).ToList();

        var stamp = await WorkloadActions.RestartAsync(Client, WorkloadKind.Deployment, ns, name);

        var deployment = (V1Deployment)await WorkloadOperations.ReadAsync(Client, WorkloadKind.Deployment, ns, name);
        Assert.Equal(stamp, deployment.Spec.Template.Metadata.Annotations[WorkloadActions.RestartedAtAnnotation]);
        await Eventually.Until(async () =>
        {
            var pods = (await WorkloadOperations.GetAsync(Client, WorkloadKind.Deployment, ns, name)).Pods;
            return pods.Count == 1 && PodReadiness.IsReady(pods[0]) && !before.Contains(pods[0].Metadata.Name);
        }, "a replacement pod");
    }

    [Fact]
    public async Task Job_and_cronjob_from_form_report_their_state()
    {
        var ns = await fixture.NamespaceAsync(Client);
        await WorkloadOperations.CreateAsync(Client, WorkloadKind.Job, ns, new WorkloadForm { Name = "once", Image = "busybox" });
        await WorkloadOperations.CreateAsync(Client, WorkloadKind.CronJob, ns, new WorkloadForm { Name = "nightly", Image = "busybox", Schedule = "0 3 * * *" });

        await Eventually.Until(async () =>
            (await WorkloadOperations.GetAsync(Client, WorkloadKind.Job, ns, "once")).Pods.Count > 0, "the job's pod");
        await WorkloadActions.PauseAsync(Client, WorkloadKind.CronJob, ns, "nightly");

        var cron = Assert.Single(await WorkloadOperations.ListAsync(Client, WorkloadKind.CronJob, ns));
        Assert.Equal(WorkloadStatus.Paused, cron.Status);
        await Assert.ThrowsAsync<NotSupportedException>(() => WorkloadRevisions.ListAsync(Client, WorkloadKind.Job, ns, "once"));
    }

    [Fact]
    public async Task Delete_removes_the_workload_and_its_pods()
    {
        var ns = await fixture.NamespaceAsync(Client);
        var name = await CreateReadyAsync(ns, replicas: 1);

        await WorkloadOperations.DeleteAsync(Client, WorkloadKind.Deployment, ns, name);

        await Eventually.Until(async () => (await PodOperations.ListAsync(Client, ns)).Count == 0
            && (await WorkloadOperations.ListAsync(Client, WorkloadKind.Deployment, ns)).Count == 0, "deployment and pods gone");
    }

    [Fact]
    public async Task StatefulSet_rolls_back_to_an_earlier_controller_revision()
    {
        var ns = await fixture.NamespaceAsync(Client);
        await WorkloadOperations.CreateAsync(Client, WorkloadKind.StatefulSet, ns, new WorkloadForm { Name = "db", Image = "postgres:16" });
        await WorkloadActions.SetImageAsync(Client, WorkloadKind.StatefulSet, ns, "db", "db", "postgres:17");
        await Eventually.Until(async () => (await WorkloadRevisions.ListAsync(Client, WorkloadKind.StatefulSet, ns, "db")).Count == 2, "two revisions");

        var first = (await WorkloadRevisions.ListAsync(Client, WorkloadKind.StatefulSet, ns, "db")).Single(r => r.Images.Contains("postgres:16"));
        await WorkloadRevisions.RollbackAsync(Client, WorkloadKind.StatefulSet, ns, "db", first.Revision);

        var rolledBack = await Client.AppsV1.ReadNamespacedStatefulSetAsync("db", ns);
        Assert.Equal("postgres:16", rolledBack.Spec.Template.Spec.Containers.Single().Image);
    }
}
