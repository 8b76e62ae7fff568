using Dce.Kubernetes.Names;

namespace Dce.Kubernetes.Selectors;

/// <summary>A label selector read as the API server reads it: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (b,c)</c>, <c>a notin (b)</c>, <c>a</c>, <c>!a</c>.</summary>
public sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => Requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool IsEmpty => Requirements.Count == 0;

    public bool Matches(IReadOnlyDictionary<string, string> labels) => Requirements.All(r => r.Matches(labels));

    /// <exception cref="SelectorFormatException">The text is not a label selector; the message says why.</exception>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<LabelRequirement>();
        var position = 0;
        while (true)
        {
            var start = position;
            try
            {
                requirements.Add(ParseRequirement(text, ref position));
                SkipSpaces(text, ref position);
                if (position >= text.Length)
                {
                    return new LabelSelector(requirements);
                }

                if (text[position] != ',')
                {
                    throw new FormatException($"expected ',' at position {position} of the label selector");
                }
            }
            catch (FormatException error) when (error is not SelectorFormatException)
            {
                throw new SelectorFormatException(error.Message, TermAt(text, start));
            }

            position++;
        }
    }

    private static LabelRequirement ParseRequirement(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        if (position < text.Length && text[position] == '!')
        {
            position++;
            return new LabelRequirement(ValidKey(ReadWord(text, ref position)), LabelOperator.DoesNotExist, []);
        }

        var key = ValidKey(ReadWord(text, ref position));
        SkipSpaces(text, ref position);
        if (position >= text.Length || text[position] == ',')
        {
            return new LabelRequirement(key, LabelOperator.Exists, []);
        }

        if (text[position] is '>' or '<')
        {
            throw new FormatException($"the operator '{text[position]}' is not supported; use =, ==, !=, in, notin, exists or !exists");
        }

        if (Take(text, ref position, "!="))
        {
            return new LabelRequirement(key, LabelOperator.NotEquals, [ValidValue(ReadWord(text, ref position))]);
        }

        if (Take(text, ref position, "==") || Take(text, ref position, "="))
        {
            return new LabelRequirement(key, LabelOperator.Equals, [ValidValue(ReadWord(text, ref position))]);
        }

        var word = ReadWord(text, ref position);
        var op = word switch
        {
            "in" => LabelOperator.In,
            "notin" => LabelOperator.NotIn,
            _ => throw new FormatException($"unknown operator '{word}' after '{key}'"),
        };
        return new LabelRequirement(key, op, ReadSet(text, ref position));
    }

    private static List<string> ReadSet(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        if (!Take(text, ref position, "("))
        {
            throw new FormatException("expected '(' to open the set of values");
        }

        var values = new List<string>();
        while (true)
        {
            values.Add(ValidValue(ReadWord(text, ref position)));
            SkipSpaces(text, ref position);
            if (Take(text, ref position, ")"))
            {
                return values;
            }

            if (!Take(text, ref position, ","))
            {
                throw new FormatException("expected ',' or ')' in the set of values");
            }
        }
    }

    private static string ReadWord(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        var start = position;
        while (position < text.Length && !char.IsWhiteSpace(text[position]) && text[position] is not (',' or '=' or '!' or '(' or ')' or '<' or '>'))
        {
            position++;
        }

        return text[start..position];
    }

    private static bool Take(string text, ref int position, string token)
    {
        SkipSpaces(text, ref position);
        if (string.CompareOrdinal(text, position, token, 0, token.Length) != 0)
        {
            return false;
        }

        position += token.Length;
        return true;
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    /// <summary>The comma-separated term that starts at <paramref name="start"/> (commas inside a set do not end it).</summary>
    private static string TermAt(string text, int start)
    {
        var depth = 0;
        var end = start;
        for (; end < text.Length && (text[end] != ',' || depth > 0); end++)
        {
            depth += text[end] == '(' ? 1 : text[end] == ')' ? -1 : 0;
        }

        return text[start..end].Trim();
    }

    private static string ValidKey(string key) =>
        KubernetesNames.IsLabelKey(key) ? key : throw new FormatException($"'{key}' is not a valid label key");

    private static string ValidValue(string value) =>
        KubernetesNames.IsLabelValue(value) ? value : throw new FormatException($"'{value}' is not a valid label value");
}
