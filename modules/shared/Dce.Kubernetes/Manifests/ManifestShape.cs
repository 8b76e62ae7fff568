using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Dce.Kubernetes.Manifests;

/// <summary>
/// Walks the YAML event stream, before anything is deserialized, and refuses what could make reading it costly: too
/// many documents, nesting deeper than <see cref="ManifestLimits.MaxDepth"/> (deserializing recurses per level), and
/// anchors or aliases (an alias bomb expands exponentially once serialized for the cluster).
/// </summary>
public static class ManifestShape
{
    /// <summary>Why the YAML is refused (its syntax too), or null when its shape is acceptable.</summary>
    public static string? ProblemOf(string yaml)
    {
        try
        {
            return ShapeProblemOf(yaml);
        }
        catch (YamlException invalid)
        {
            return $"invalid manifest at line {invalid.Start.Line}: invalid YAML: {invalid.Message}";
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way when the text ends inside a flow collection ("name: [a").
            return "invalid manifest: invalid YAML: the text ends inside an unclosed [ or {.";
        }
    }

    private static string? ShapeProblemOf(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var (documents, depth) = (0, 0);
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    if (++documents > ManifestLimits.MaxDocuments)
                    {
                        return $"the manifest holds more than {ManifestLimits.MaxDocuments} documents; split it into several manifests.";
                    }

                    break;
                case AnchorAlias alias:
                    return $"document {documents}: YAML anchors and aliases are not accepted (*{alias.Value}); write the value out in full.";
                case NodeEvent { Anchor.IsEmpty: false } anchored:
                    return $"document {documents}: YAML anchors and aliases are not accepted (&{anchored.Anchor}); write the value out in full.";
                case MappingStart or SequenceStart when ++depth > ManifestLimits.MaxDepth:
                    return $"document {documents} is nested deeper than {ManifestLimits.MaxDepth} levels.";
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }
}
