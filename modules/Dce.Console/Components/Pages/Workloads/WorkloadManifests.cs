using System.Globalization;
using System.Text.RegularExpressions;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Workloads;

/// <summary>The YAML editor's starting manifests, and reading back what a manifest names.</summary>
public static partial class WorkloadManifests
{
    /// <summary>A small manifest of <paramref name="kind"/> in <paramref name="ns"/> to edit from.</summary>
    public static string Sample(WorkloadKind kind, string ns)
    {
        var pod = """
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27
                      ports:
                        - containerPort: 80
            """;
        var selector = """
              selector:
                matchLabels:
                  app: web
            """;
        return kind.Segment switch
        {
            "statefulsets" => $"apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  namespace: {ns}\nspec:\n  serviceName: web\n  replicas: 1\n{selector}\n{pod}\n",
            "daemonsets" => $"apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: web\n  namespace: {ns}\nspec:\n{selector}\n{pod}\n",
            "jobs" => $"apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: task\n  namespace: {ns}\nspec:\n{Indent(JobPod, 2)}\n",
            "cronjobs" => $"apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: task\n  namespace: {ns}\nspec:\n  schedule: \"*/5 * * * *\"\n  jobTemplate:\n    spec:\n{Indent(JobPod, 6)}\n",
            _ => $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: {ns}\nspec:\n  replicas: 1\n{selector}\n{pod}\n",
        };
    }

    /// <summary>The name of the manifest's first object, or null when it names none the page can find.</summary>
    public static string? NameOf(string manifest) => FirstName().Match(manifest) is { Success: true } found ? found.Groups[1].Value.Trim('"', '\'') : null;

    /// <summary>The line a refusal names: the YAML parser's "Line: n", or the line of the field it names.</summary>
    public static int? LineOf(ApiProblem problem, string manifest)
    {
        var text = $"{problem.Detail} {string.Join(' ', problem.Errors.Keys)} {string.Join(' ', problem.Errors.Values.SelectMany(v => v))}";
        var numbered = Regex.Match(text, @"\b[Ll]ine:?\s*(\d+)");
        if (numbered.Success && int.TryParse(numbered.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var line))
        {
            return line;
        }

        return LineOfField(manifest, text);
    }

    /// <summary>The line (from 1) of the last field a message names (<c>spec.template.spec.containers[0].image</c>), if the manifest has it.</summary>
    public static int? LineOfField(string manifest, string message)
    {
        var field = FieldPath().Matches(message).Select(m => m.Value.Split('.')[^1]).Select(f => f.Split('[')[0]).LastOrDefault();
        if (field is null)
        {
            return null;
        }

        var lines = manifest.Split('\n');
        var index = Array.FindIndex(lines, l => Regex.IsMatch(l, $@"^\s*(-\s+)?{Regex.Escape(field)}\s*:"));
        return index < 0 ? null : index + 1;
    }

    private const string JobPod = """
        template:
          spec:
            restartPolicy: Never
            containers:
              - name: task
                image: busybox:1.36
                command: ["sh", "-c", "echo done"]
        """;

    private static string Indent(string text, int spaces) => string.Join('\n', text.Split('\n').Select(l => new string(' ', spaces) + l));

    [GeneratedRegex(@"(?m)^metadata:\s*\n(?:\s+.*\n)*?\s+name:\s*(\S+)")]
    private static partial Regex FirstName();

    [GeneratedRegex(@"\b[a-z][A-Za-z]*(?:\[\d+\])?(?:\.[a-z][A-Za-z]*(?:\[\d+\])?)+\b")]
    private static partial Regex FieldPath();
}
