using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes.Tests;

public sealed class WorkloadFormTests
{
    private static WorkloadForm Valid => new() { Name = "web", Image = "nginx:1.27", Replicas = 2 };

    [Theory]
    [InlineData("deployments", WorkloadKind.Deployment)]
    [InlineData("statefulsets", WorkloadKind.StatefulSet)]
    [InlineData("daemonsets", WorkloadKind.DaemonSet)]
    [InlineData("jobs", WorkloadKind.Job)]
    [InlineData("cronjobs", WorkloadKind.CronJob)]
    public void Path_segments_name_workload_kinds(string segment, WorkloadKind kind)
    {
        Assert.True(WorkloadKinds.TryParse(segment, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.Equal(segment, kind.PathSegment());
    }

    [Fact]
    public void Unknown_path_segment_is_refused()
    {
        Assert.False(WorkloadKinds.TryParse("replicasets", out _));
        Assert.Throws<ArgumentException>(() => WorkloadKinds.Parse("pods"));
    }

    [Fact]
    public void Valid_form_has_no_errors() => Assert.Empty(WorkloadFormValidator.Validate(WorkloadKind.Deployment, Valid));

    [Fact]
    public void Invalid_fields_are_reported_by_path()
    {
        var form = Valid with
        {
            Name = "Web_1",
            Image = "",
            Replicas = 1001,
            Ports = [new ContainerPortForm(70000)],
            Resources = new ResourcesForm(RequestsCpu: "lots", LimitsMemory: "512Mi"),
            LivenessProbe = new ProbeForm { HttpGetPort = 8080, TcpSocketPort = 8080 },
        };

        var errors = WorkloadFormValidator.Validate(WorkloadKind.Deployment, form);

        Assert.Contains("name", errors.Keys);
        Assert.Contains("image", errors.Keys);
        Assert.Contains("replicas", errors.Keys);
        Assert.Contains("ports[0].containerPort", errors.Keys);
        Assert.Contains("resources.requests.cpu", errors.Keys);
        Assert.DoesNotContain("resources.limits.memory", errors.Keys);
        Assert.Contains("livenessProbe", errors.Keys);
    }

    [Theory]
    [InlineData("*/5 * * * *", true)]
    [InlineData("@hourly", true)]
    [InlineData("* * * *", false)]
    [InlineData(null, false)]
    public void CronJob_schedule_needs_five_fields(string? schedule, bool valid)
    {
        var errors = WorkloadFormValidator.Validate(WorkloadKind.CronJob, Valid with { Schedule = schedule });
        Assert.Equal(valid, !errors.ContainsKey("schedule"));
    }

    [Fact]
    public void Factory_selects_pods_by_app_label()
    {
        var form = Valid with
        {
            Ports = [new ContainerPortForm(80, Name: "http")],
            Env = [new EnvVarForm("MODE", "prod")],
            Resources = new ResourcesForm("250m", "256Mi", "1", "512Mi"),
            ReadinessProbe = new ProbeForm { HttpGetPath = "/ready", HttpGetPort = 80, PeriodSeconds = 5 },
            NodeSelector = new Dictionary<string, string> { ["kubernetes.io/arch"] = "amd64" },
        };

        var deployment = Assert.IsType<V1Deployment>(WorkloadFactory.Build(WorkloadKind.Deployment, "apps", form));

        Assert.Equal("web", deployment.Spec.Selector.MatchLabels["app"]);
        Assert.Equal("web", deployment.Spec.Template.Metadata.Labels["app"]);
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
        Assert.Equal("nginx:1.27", container.Image);
        Assert.Equal("250m", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("/ready", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("amd64", deployment.Spec.Template.Spec.NodeSelector["kubernetes.io/arch"]);
        Assert.IsType<V1CronJob>(WorkloadFactory.Build(WorkloadKind.CronJob, "apps", form with { Schedule = "0 * * * *" }));
    }
}
