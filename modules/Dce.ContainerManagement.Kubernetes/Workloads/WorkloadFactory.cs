using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Builds the Kubernetes object of a <see cref="WorkloadForm"/>; selector and pod labels are <c>app: &lt;name&gt;</c>.</summary>
public static class WorkloadFactory
{
    /// <summary>The label every pod of a form-built workload carries.</summary>
    public const string AppLabel = "app";

    /// <summary>The workload of <paramref name="kind"/> in <paramref name="ns"/>: a V1Deployment, V1StatefulSet, V1DaemonSet, V1Job or V1CronJob.</summary>
    public static IKubernetesObject<V1ObjectMeta> Build(WorkloadKind kind, string ns, WorkloadForm form) => kind.Info().Build(ns, form);

    public static V1Deployment Deployment(string ns, WorkloadForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new V1Deployment
        {
            Metadata = Metadata(ns, form),
            Spec = new V1DeploymentSpec { Replicas = form.Replicas, Selector = Selector(form), Template = PodTemplate(form, "Always") },
        }.Initialize();
    }

    public static V1StatefulSet StatefulSet(string ns, WorkloadForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new V1StatefulSet
        {
            Metadata = Metadata(ns, form),
            Spec = new V1StatefulSetSpec { Replicas = form.Replicas, ServiceName = form.Name, Selector = Selector(form), Template = PodTemplate(form, "Always") },
        }.Initialize();
    }

    public static V1DaemonSet DaemonSet(string ns, WorkloadForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new V1DaemonSet
        {
            Metadata = Metadata(ns, form),
            Spec = new V1DaemonSetSpec { Selector = Selector(form), Template = PodTemplate(form, "Always") },
        }.Initialize();
    }

    public static V1Job Job(string ns, WorkloadForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new V1Job { Metadata = Metadata(ns, form), Spec = JobSpec(form) }.Initialize();
    }

    public static V1CronJob CronJob(string ns, WorkloadForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new V1CronJob
        {
            Metadata = Metadata(ns, form),
            Spec = new V1CronJobSpec
            {
                Schedule = form.Schedule,
                JobTemplate = new V1JobTemplateSpec { Metadata = new V1ObjectMeta { Labels = PodLabels(form) }, Spec = JobSpec(form) },
            },
        }.Initialize();
    }

    private static V1JobSpec JobSpec(WorkloadForm form) => new()
    {
        Parallelism = Math.Max(1, form.Replicas),
        Completions = Math.Max(1, form.Replicas),
        Template = PodTemplate(form, "OnFailure"),
    };

    private static V1ObjectMeta Metadata(string ns, WorkloadForm form)
    {
        var labels = new Dictionary<string, string>(form.Labels) { [AppLabel] = form.Name };
        return new V1ObjectMeta { Name = form.Name, NamespaceProperty = ns, Labels = labels };
    }

    private static Dictionary<string, string> PodLabels(WorkloadForm form) => new() { [AppLabel] = form.Name };

    private static V1LabelSelector Selector(WorkloadForm form) => new() { MatchLabels = PodLabels(form) };

    private static V1PodTemplateSpec PodTemplate(WorkloadForm form, string restartPolicy) => new()
    {
        Metadata = new V1ObjectMeta { Labels = PodLabels(form) },
        Spec = new V1PodSpec
        {
            RestartPolicy = restartPolicy,
            NodeSelector = form.NodeSelector.Count == 0 ? null : new Dictionary<string, string>(form.NodeSelector),
            Containers = [Container(form)],
        },
    };

    private static V1Container Container(WorkloadForm form) => new()
    {
        Name = form.Name,
        Image = form.Image,
        Ports = form.Ports.Count == 0 ? null : form.Ports.Select(p => new V1ContainerPort { ContainerPort = p.ContainerPort, Name = p.Name, Protocol = p.Protocol }).ToList(),
        Env = form.Env.Count == 0 ? null : form.Env.Select(e => new V1EnvVar { Name = e.Name, Value = e.Value }).ToList(),
        Resources = Resources(form.Resources),
        LivenessProbe = Probe(form.LivenessProbe),
        ReadinessProbe = Probe(form.ReadinessProbe),
    };

    private static V1ResourceRequirements? Resources(ResourcesForm? form)
    {
        if (form is null)
        {
            return null;
        }

        static Dictionary<string, ResourceQuantity>? Map(string? cpu, string? memory)
        {
            var map = new Dictionary<string, ResourceQuantity>();
            if (!string.IsNullOrWhiteSpace(cpu))
            {
                map["cpu"] = new ResourceQuantity(cpu);
            }

            if (!string.IsNullOrWhiteSpace(memory))
            {
                map["memory"] = new ResourceQuantity(memory);
            }

            return map.Count == 0 ? null : map;
        }

        return new V1ResourceRequirements { Requests = Map(form.RequestsCpu, form.RequestsMemory), Limits = Map(form.LimitsCpu, form.LimitsMemory) };
    }

    private static V1Probe? Probe(ProbeForm? form) => form is null ? null : new V1Probe
    {
        HttpGet = form.HttpGetPort is { } httpPort ? new V1HTTPGetAction { Port = httpPort, Path = form.HttpGetPath ?? "/" } : null,
        TcpSocket = form.TcpSocketPort is { } tcpPort ? new V1TCPSocketAction { Port = tcpPort } : null,
        Exec = form.ExecCommand is { } command ? new V1ExecAction { Command = command.ToList() } : null,
        InitialDelaySeconds = form.InitialDelaySeconds,
        PeriodSeconds = form.PeriodSeconds,
    };
}
