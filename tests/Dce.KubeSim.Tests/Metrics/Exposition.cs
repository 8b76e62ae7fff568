using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dce.KubeSim.Tests.Metrics;

/// <summary>
/// A strict reader of Prometheus text exposition 0.0.4, failing on what a scraper would refuse or a reviewer would flag:
/// a sample without its family's <c># HELP</c> and <c># TYPE</c>, a family split in two, a malformed label or value, a
/// series given twice, a text that does not end in a newline.
/// </summary>
public sealed partial class Exposition
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    private Exposition(IReadOnlyDictionary<string, string> types, IReadOnlyDictionary<string, string> help, IReadOnlyList<MetricSample> samples) =>
        (FamilyTypes, Help, Samples) = (types, help, samples);

    public IReadOnlyDictionary<string, string> FamilyTypes { get; }
    public IReadOnlyDictionary<string, string> Help { get; }
    public IReadOnlyList<MetricSample> Samples { get; }

    public IEnumerable<MetricSample> Of(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && s.Has(labels));

    /// <summary>The value of the one sample of <paramref name="name"/> with <paramref name="labels"/>.</summary>
    public double Value(string name, params (string Name, string Value)[] labels) => Assert.Single(Of(name, labels)).Value;

    public static Exposition Parse(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<MetricSample>();
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in text[..^1].Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }
            if (Descriptor().Match(line) is { Success: true } descriptor)
            {
                var (kind, name, rest) = (descriptor.Groups[1].Value, descriptor.Groups[2].Value, descriptor.Groups[3].Value);
                var target = kind == "HELP" ? help : types;
                Assert.True(target.TryAdd(name, rest), $"{kind} given twice for {name}");
                Assert.True(kind == "HELP" || Types.Contains(rest), $"unknown type in: {line}");
                Assert.DoesNotContain(name, finished);
                continue;
            }
            Assert.False(line.StartsWith("# HELP", StringComparison.Ordinal) || line.StartsWith("# TYPE", StringComparison.Ordinal), $"malformed descriptor: {line}");
            if (line.StartsWith('#'))
            {
                continue;
            }
            var sample = ParseSample(line);
            Assert.True(types.ContainsKey(sample.Name), $"no # TYPE before {line}");
            Assert.True(help.ContainsKey(sample.Name), $"no # HELP before {line}");
            if (current != sample.Name)
            {
                Assert.DoesNotContain(sample.Name, finished);
                if (current is not null)
                {
                    finished.Add(current);
                }
                current = sample.Name;
            }
            Assert.True(series.Add(sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)) + "}"), $"series given twice: {line}");
            samples.Add(sample);
        }
        return new Exposition(types, help, samples);
    }

    private static MetricSample ParseSample(string line)
    {
        var name = MetricName().Match(line);
        Assert.True(name.Success, $"no metric name in: {line}");
        var at = name.Length;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (at < line.Length && line[at] == '{')
        {
            at++;
            while (line[at] != '}')
            {
                var label = LabelName().Match(line, at);
                Assert.True(label.Success && label.Index == at, $"bad label name at {at} in: {line}");
                at += label.Length;
                Assert.Equal("=\"", line.Substring(at, 2));
                at += 2;
                var value = new StringBuilder();
                for (; line[at] != '"'; at++)
                {
                    if (line[at] == '\\')
                    {
                        at++;
                        value.Append(line[at] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw new Xunit.Sdk.XunitException($"bad escape \\{other} in: {line}"),
                        });
                        continue;
                    }
                    value.Append(line[at]);
                }
                at++;
                Assert.True(labels.TryAdd(label.Value, value.ToString()), $"label {label.Value} given twice in: {line}");
                if (line[at] == ',')
                {
                    at++;
                }
            }
            at++;
        }
        var rest = line[at..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(line[at] == ' ' && rest.Length is 1 or 2, $"expected a value after the labels in: {line}");
        var number = rest[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed : throw new Xunit.Sdk.XunitException($"bad value in: {line}"),
        };
        Assert.True(rest.Length == 1 || long.TryParse(rest[1], CultureInfo.InvariantCulture, out _), $"bad timestamp in: {line}");
        return new MetricSample(name.Value, labels, number);
    }

    [GeneratedRegex(@"^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$")]
    private static partial Regex Descriptor();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();
}
