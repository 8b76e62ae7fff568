using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Pods;

/// <summary>
/// How a pod's containers behave, from the <c>kubesim.dce.io/...</c> annotations on the pod (copied from a workload's
/// template) and the faults set through the admin API.
/// </summary>
public sealed record PodBehaviour(TimeSpan? CrashAfter, TimeSpan? OomAfter, bool ReadinessFails, bool LivenessFails, bool ImagePullFails, int? ExitCode)
{
    public const string Prefix = "kubesim.dce.io/";
    public const string CrashAfterAnnotation = Prefix + "crash-after";
    public const string OomAfterAnnotation = Prefix + "oom-after";
    public const string ReadinessAnnotation = Prefix + "readiness";
    public const string LivenessAnnotation = Prefix + "liveness";
    public const string ImagePullAnnotation = Prefix + "image-pull";
    public const string ExitCodeAnnotation = Prefix + "exit-code";

    public static PodBehaviour Of(JsonObject pod, PodFault? fault)
    {
        var annotations = pod.At("metadata.annotations").StringMap();
        var exitCode = int.TryParse(annotations.GetValueOrDefault(ExitCodeAnnotation), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : (int?)null;
        return new PodBehaviour(
            fault?.Crash is { } crash ? (crash ? TimeSpan.Zero : null) : Duration(annotations.GetValueOrDefault(CrashAfterAnnotation)),
            fault?.OomKill is { } oom ? (oom ? TimeSpan.Zero : null) : Duration(annotations.GetValueOrDefault(OomAfterAnnotation)),
            fault?.ReadinessFails ?? Fails(annotations.GetValueOrDefault(ReadinessAnnotation)),
            fault?.LivenessFails ?? Fails(annotations.GetValueOrDefault(LivenessAnnotation)),
            fault?.ImagePullFails ?? Fails(annotations.GetValueOrDefault(ImagePullAnnotation)),
            fault?.ExitCode ?? exitCode);
    }

    private static bool Fails(string? value) => string.Equals(value, "fail", StringComparison.OrdinalIgnoreCase);

    /// <summary>Go-style durations as annotations carry them: <c>500ms</c>, <c>2s</c>, <c>1m30s</c>, or bare seconds.</summary>
    public static TimeSpan? Duration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare))
        {
            return TimeSpan.FromSeconds(Math.Max(0, bare));
        }
        var total = TimeSpan.Zero;
        var rest = text.Trim();
        while (rest.Length > 0)
        {
            var digits = 0;
            while (digits < rest.Length && (char.IsDigit(rest[digits]) || rest[digits] == '.'))
            {
                digits++;
            }
            var units = digits;
            while (units < rest.Length && char.IsLetter(rest[units]))
            {
                units++;
            }
            if (digits == 0 || !double.TryParse(rest[..digits], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }
            TimeSpan? part = rest[digits..units] switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                _ => null,
            };
            if (part is null)
            {
                return null;
            }
            total += part.Value;
            rest = rest[units..];
        }
        return total;
    }
}
