namespace Dce.ContainerManagement.Kubernetes;

/// <summary>What the create-workload form collects: one container plus scheduling and, for CronJobs, a schedule.</summary>
public sealed record WorkloadForm
{
    public required string Name { get; init; }

    public required string Image { get; init; }

    /// <summary>Desired pods (Deployment, StatefulSet; parallelism for Job and CronJob). Ignored for DaemonSets.</summary>
    public int Replicas { get; init; } = 1;

    public IReadOnlyList<ContainerPortForm> Ports { get; init; } = [];

    public IReadOnlyList<EnvVarForm> Env { get; init; } = [];

    public ResourcesForm? Resources { get; init; }

    public ProbeForm? LivenessProbe { get; init; }

    public ProbeForm? ReadinessProbe { get; init; }

    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels of the workload; the pods always carry <c>app: &lt;name&gt;</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Cron schedule (five fields); CronJobs only.</summary>
    public string? Schedule { get; init; }
}

/// <summary>A container port of the form.</summary>
public sealed record ContainerPortForm(int ContainerPort, string Protocol = "TCP", string? Name = null);

/// <summary>An environment variable of the form.</summary>
public sealed record EnvVarForm(string Name, string Value);

/// <summary>CPU and memory requests and limits as Kubernetes quantities (<c>250m</c>, <c>512Mi</c>).</summary>
public sealed record ResourcesForm(string? RequestsCpu = null, string? RequestsMemory = null, string? LimitsCpu = null, string? LimitsMemory = null);

/// <summary>A probe: HTTP GET (path and port), TCP socket (port) or exec (command), with its timing.</summary>
public sealed record ProbeForm
{
    public string? HttpGetPath { get; init; }

    public int? HttpGetPort { get; init; }

    public int? TcpSocketPort { get; init; }

    public IReadOnlyList<string>? ExecCommand { get; init; }

    public int? InitialDelaySeconds { get; init; }

    public int? PeriodSeconds { get; init; }
}
