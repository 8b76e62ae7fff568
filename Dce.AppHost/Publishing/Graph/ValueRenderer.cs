using System.Globalization;
using System.Text.RegularExpressions;

namespace Dce.AppHost.Publishing.Graph;

/// <summary>
/// Renders values of the application model (strings, parameters, endpoints, connection strings, reference
/// expressions) as the cluster sees them, without ever reading a secret parameter's value.
/// </summary>
public sealed partial class ValueRenderer(PortMap ports, Func<ParameterResource, PublishedParameter> publish)
{
    /// <summary>Renders <paramref name="value"/>; null when the model holds a kind of value the cluster cannot express.</summary>
    public RenderedValue? Render(object? value)
    {
        var segments = new List<ValueSegment>();
        var targets = new HashSet<string>(StringComparer.Ordinal);
        return Append(value, segments, targets) ? new RenderedValue(Merge(segments), targets) : null;
    }

    private bool Append(object? value, List<ValueSegment> segments, HashSet<string> targets)
    {
        switch (value)
        {
            case null:
                return true;
            case string text:
                segments.Add(new LiteralSegment(text));
                return true;
            case ParameterResource parameter:
                segments.Add(new ParameterSegment(publish(parameter)));
                return true;
            case ConnectionStringReference reference:
                return Append(reference.Resource, segments, targets);
            case IResourceWithConnectionString resource:
                targets.Add(RootOf(resource).Name);
                return Append(resource.ConnectionStringExpression, segments, targets);
            case EndpointReference endpoint:
                return AppendEndpoint(endpoint, EndpointProperty.Url, segments, targets);
            case EndpointReferenceExpression expression:
                return AppendEndpoint(expression.Endpoint, expression.Property, segments, targets);
            case ReferenceExpression expression:
                return AppendExpression(expression, segments, targets);
            case IFormattable formattable:
                segments.Add(new LiteralSegment(formattable.ToString(null, CultureInfo.InvariantCulture)));
                return true;
            case bool flag:
                segments.Add(new LiteralSegment(flag ? "true" : "false"));
                return true;
            default:
                return false;
        }
    }

    private bool AppendEndpoint(EndpointReference endpoint, EndpointProperty property, List<ValueSegment> segments, HashSet<string> targets)
    {
        if (!ports.TryGet(endpoint.Resource.Name, endpoint.EndpointName, out var port))
        {
            return false;
        }

        targets.Add(endpoint.Resource.Name);
        var host = endpoint.Resource.Name;
        string? text = property switch
        {
            EndpointProperty.Url => port.Scheme is "http" && port.ServicePort == 80 ? $"http://{host}" : $"{port.Scheme}://{host}:{port.ServicePort}",
            EndpointProperty.Host or EndpointProperty.IPV4Host => host,
            EndpointProperty.Port => port.ServicePort.ToString(CultureInfo.InvariantCulture),
            EndpointProperty.TargetPort => port.ContainerPort.ToString(CultureInfo.InvariantCulture),
            EndpointProperty.Scheme => port.Scheme,
            EndpointProperty.HostAndPort => $"{host}:{port.ServicePort}",
            EndpointProperty.TlsEnabled => port.Scheme == "https" ? "true" : "false",
            _ => null,
        };
        if (text is null)
        {
            return false;
        }

        segments.Add(new LiteralSegment(text));
        return true;
    }

    private bool AppendExpression(ReferenceExpression expression, List<ValueSegment> segments, HashSet<string> targets)
    {
        var format = expression.Format;
        var position = 0;
        foreach (Match placeholder in Placeholder().Matches(format))
        {
            segments.Add(new LiteralSegment(Unescape(format[position..placeholder.Index])));
            var index = int.Parse(placeholder.Groups["index"].Value, CultureInfo.InvariantCulture);
            if (!Append(expression.ValueProviders[index], segments, targets))
            {
                return false;
            }

            position = placeholder.Index + placeholder.Length;
        }

        segments.Add(new LiteralSegment(Unescape(format[position..])));
        return true;
    }

    private static IResource RootOf(IResource resource) =>
        resource is IResourceWithParent child ? RootOf(child.Parent) : resource;

    private static string Unescape(string text) =>
        text.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);

    private static List<ValueSegment> Merge(List<ValueSegment> segments)
    {
        var merged = new List<ValueSegment>();
        foreach (var segment in segments)
        {
            if (segment is LiteralSegment { Text.Length: 0 })
            {
                continue;
            }

            if (segment is LiteralSegment next && merged.Count > 0 && merged[^1] is LiteralSegment previous)
            {
                merged[^1] = new LiteralSegment(previous.Text + next.Text);
                continue;
            }

            merged.Add(segment);
        }

        return merged;
    }

    [GeneratedRegex(@"(?<!\{)\{(?<index>\d+)(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
