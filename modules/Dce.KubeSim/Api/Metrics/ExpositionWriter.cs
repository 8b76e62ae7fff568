using System.Globalization;
using System.Text;

namespace Dce.KubeSim.Api.Metrics;

/// <summary>
/// Prometheus text exposition format 0.0.4: each family's <c># HELP</c> and <c># TYPE</c> lines, then its samples, with
/// label values and help text escaped as the format requires.
/// </summary>
public sealed class ExpositionWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder text = new();
    private string? family;

    /// <summary>Starts a counter family; the samples written next belong to it.</summary>
    public ExpositionWriter Counter(string name, string help) => Family(name, "counter", help);

    /// <summary>Starts a gauge family; the samples written next belong to it.</summary>
    public ExpositionWriter Gauge(string name, string help) => Family(name, "gauge", help);

    /// <summary>One sample of the current family.</summary>
    public ExpositionWriter Sample(double value, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        text.Append(family ?? throw new InvalidOperationException("A sample needs a family first."));
        for (var i = 0; i < labels.Length; i++)
        {
            text.Append(i == 0 ? '{' : ',').Append(labels[i].Name).Append("=\"");
            Escaped(labels[i].Value, quotes: true);
            text.Append('"');
        }
        text.Append(labels.Length > 0 ? "} " : " ").Append(Format(value)).Append('\n');
        return this;
    }

    public override string ToString() => text.ToString();

    /// <summary>Answers the request with what was written.</summary>
    public Task WriteAsync(HttpContext context)
    {
        var body = Encoding.UTF8.GetBytes(text.ToString());
        context.Response.StatusCode = 200;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private ExpositionWriter Family(string name, string type, string help)
    {
        family = name;
        text.Append("# HELP ").Append(name).Append(' ');
        Escaped(help, quotes: false);
        text.Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    // Help text escapes backslash and newline; label values also the double quote.
    private void Escaped(string value, bool quotes)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\n' => text.Append(@"\n"),
                '"' when quotes => text.Append("\\\""),
                _ => text.Append(c),
            };
        }
    }

    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
