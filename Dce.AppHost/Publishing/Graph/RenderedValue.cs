using System.Text;

namespace Dce.AppHost.Publishing.Graph;

/// <summary>A value of the graph rendered for the cluster, and the resources it reaches.</summary>
public sealed record RenderedValue(IReadOnlyList<ValueSegment> Segments, IReadOnlySet<string> Targets)
{
    /// <summary>Whether a parameter is part of the value (then it is expanded by Kubernetes from the container's environment).</summary>
    public bool HasParameters => Segments.Any(segment => segment is ParameterSegment);

    /// <summary>The parameters the value needs.</summary>
    public IEnumerable<PublishedParameter> Parameters => Segments.OfType<ParameterSegment>().Select(segment => segment.Parameter);

    /// <summary>The value with parameters as Kubernetes dependent variables (<c>$(NAME)</c>) and literal <c>$(</c> escaped.</summary>
    public string ToKubernetesValue()
    {
        var text = new StringBuilder();
        foreach (var segment in Segments)
        {
            text.Append(segment switch
            {
                LiteralSegment literal => literal.Text.Replace("$(", "$$(", StringComparison.Ordinal),
                ParameterSegment parameter => $"$({parameter.Parameter.EnvironmentName})",
                _ => throw new InvalidOperationException($"Unknown segment {segment}."),
            });
        }

        return text.ToString();
    }

    /// <summary>The value when it has no parameters, as written into a ConfigMap.</summary>
    public string ToLiteral() =>
        string.Concat(Segments.Select(segment => segment is LiteralSegment literal
            ? literal.Text
            : throw new InvalidOperationException("A value with parameters has no literal form.")));
}
