using Dce.Kubernetes.Names;
using Dce.Kubernetes.Quantities;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Checks a <see cref="WorkloadForm"/> before anything reaches the cluster: field path → message.</summary>
public static class WorkloadFormValidator
{
    /// <summary>The errors of <paramref name="form"/> for <paramref name="kind"/>; empty when it is valid.</summary>
    public static IReadOnlyDictionary<string, string> Validate(WorkloadKind kind, WorkloadForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        void Check(string field, string? error)
        {
            if (error is not null)
            {
                errors.TryAdd(field, error);
            }
        }

        Check("name", KubernetesNames.LabelError(form.Name));
        Check("image", string.IsNullOrWhiteSpace(form.Image) ? "is required" : form.Image.Any(char.IsWhiteSpace) ? "must not contain spaces" : null);
        Check("replicas", form.Replicas is < 0 or > 1000 ? "must be between 0 and 1000" : null);
        for (var i = 0; i < form.Ports.Count; i++)
        {
            var port = form.Ports[i];
            Check($"ports[{i}].containerPort", port.ContainerPort is < 1 or > 65535 ? "must be between 1 and 65535" : null);
            Check($"ports[{i}].protocol", port.Protocol is "TCP" or "UDP" or "SCTP" ? null : "must be TCP, UDP or SCTP");
            Check($"ports[{i}].name", string.IsNullOrEmpty(port.Name) ? null : port.Name.Length > 15 ? "must be no more than 15 characters" : KubernetesNames.LabelError(port.Name));
        }

        for (var i = 0; i < form.Env.Count; i++)
        {
            Check($"env[{i}].name", string.IsNullOrWhiteSpace(form.Env[i].Name) ? "is required" : null);
        }

        if (form.Resources is { } resources)
        {
            Check("resources.requests.cpu", QuantityError(resources.RequestsCpu));
            Check("resources.requests.memory", QuantityError(resources.RequestsMemory));
            Check("resources.limits.cpu", QuantityError(resources.LimitsCpu));
            Check("resources.limits.memory", QuantityError(resources.LimitsMemory));
        }

        CheckProbe("livenessProbe", form.LivenessProbe, Check);
        CheckProbe("readinessProbe", form.ReadinessProbe, Check);
        if (kind.Info().Scheduled)
        {
            Check("schedule", ScheduleError(form.Schedule));
        }

        return errors;
    }

    private static void CheckProbe(string field, ProbeForm? probe, Action<string, string?> check)
    {
        if (probe is null)
        {
            return;
        }

        var handlers = (probe.HttpGetPort is null ? 0 : 1) + (probe.TcpSocketPort is null ? 0 : 1) + (probe.ExecCommand is null ? 0 : 1);
        check(field, handlers == 1 ? null : "must specify exactly one of httpGet, tcpSocket or exec");
        check($"{field}.httpGet.port", probe.HttpGetPort is < 1 or > 65535 ? "must be between 1 and 65535" : null);
        check($"{field}.tcpSocket.port", probe.TcpSocketPort is < 1 or > 65535 ? "must be between 1 and 65535" : null);
        check($"{field}.exec.command", probe.ExecCommand is { Count: 0 } ? "must not be empty" : null);
        check($"{field}.initialDelaySeconds", probe.InitialDelaySeconds < 0 ? "must be greater than or equal to 0" : null);
        check($"{field}.periodSeconds", probe.PeriodSeconds < 1 ? "must be greater than or equal to 1" : null);
    }

    private static string? QuantityError(string? quantity)
    {
        if (string.IsNullOrWhiteSpace(quantity))
        {
            return null;
        }

        return Quantity.TryParse(quantity, out _) ? null : $"\"{quantity}\" is not a valid quantity";
    }

    private static string? ScheduleError(string? schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule))
        {
            return "is required";
        }

        if (schedule.StartsWith('@'))
        {
            return schedule is "@yearly" or "@annually" or "@monthly" or "@weekly" or "@daily" or "@midnight" or "@hourly" ? null : "unknown descriptor";
        }

        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length != 5 ? "must have 5 fields (minute hour day-of-month month day-of-week)"
            : fields.All(f => f.All(c => char.IsAsciiLetterOrDigit(c) || c is '*' or '/' or ',' or '-' or '?')) ? null
            : "contains invalid characters";
    }
}
