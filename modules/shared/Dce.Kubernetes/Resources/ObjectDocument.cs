using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Dce.Kubernetes.Manifests;

namespace Dce.Kubernetes.Resources;

/// <summary>
/// One object written as YAML or JSON, read into JSON for any kind, with a manifest's bounds: no anchors or aliases,
/// nesting at most <see cref="ManifestLimits.MaxDepth"/>, exactly one document. Throws <see cref="ManifestShapeException"/>
/// saying what to fix.
/// </summary>
public static class ObjectDocument
{
    public static JsonObject Parse(string yamlOrJson)
    {
        ArgumentNullException.ThrowIfNull(yamlOrJson);
        var trimmed = yamlOrJson.TrimStart();
        if (trimmed.Length == 0)
        {
            throw new ManifestShapeException("the object is empty: give it as YAML or JSON.");
        }

        if (trimmed.StartsWith('{'))
        {
            try
            {
                return JsonNode.Parse(trimmed, documentOptions: new JsonDocumentOptions { MaxDepth = ManifestLimits.MaxDepth }) as JsonObject
                    ?? throw new ManifestShapeException("the JSON is not an object.");
            }
            catch (JsonException json)
            {
                throw new ManifestShapeException($"invalid JSON: {json.Message}");
            }
        }

        if (ManifestShape.ProblemOf(yamlOrJson) is { } problem)
        {
            throw new ManifestShapeException(problem);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlOrJson));
        }
        catch (YamlException yaml)
        {
            throw new ManifestShapeException($"invalid manifest at line {yaml.Start.Line}: invalid YAML: {yaml.Message}");
        }

        var documents = stream.Documents.Where(d => d.RootNode is not YamlScalarNode { Value: null or "" }).ToList();
        if (documents.Count != 1)
        {
            throw new ManifestShapeException($"one object is expected; the YAML holds {documents.Count} documents.");
        }

        return ToJson(documents[0].RootNode) as JsonObject ?? throw new ManifestShapeException("the YAML is not a mapping of fields.");
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create((pair.Key as YamlScalarNode)?.Value ?? throw new ManifestShapeException($"a key at line {pair.Key.Start.Line} is not a plain name."), ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value;
        if (scalar.Style is not ScalarStyle.Plain || value is null)
        {
            return value is null ? null : JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when value.Contains('.') && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && !double.IsInfinity(real) => JsonValue.Create(real),
            _ => JsonValue.Create(value),
        };
    }
}
