using System.Text.RegularExpressions;

namespace Dce.ClusterSearch.Search;

/// <summary>One requirement of a Kubernetes label selector.</summary>
internal sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values);

internal enum LabelOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

/// <summary>Parses label selectors as the API server does: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (b,c)</c>, <c>a notin (b)</c>, <c>a</c>, <c>!a</c>.</summary>
internal static partial class LabelSelector
{
    public static IReadOnlyList<LabelRequirement> Parse(string? selector)
    {
        var requirements = new List<LabelRequirement>();
        if (string.IsNullOrWhiteSpace(selector))
        {
            return requirements;
        }

        var position = 0;
        while (true)
        {
            requirements.Add(ParseRequirement(selector, ref position));
            SkipSpaces(selector, ref position);
            if (position >= selector.Length)
            {
                return requirements;
            }

            if (selector[position] != ',')
            {
                throw new FormatException($"expected ',' at position {position} of the label selector");
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

    private static string ValidKey(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        var prefix = slash < 0 ? null : key[..slash];
        if (name.Length is 0 or > 63 || !NamePattern().IsMatch(name) || (prefix is not null && (prefix.Length is 0 or > 253 || !PrefixPattern().IsMatch(prefix))))
        {
            throw new FormatException($"'{key}' is not a valid label key");
        }

        return key;
    }

    private static string ValidValue(string value) =>
        value.Length == 0 || (value.Length <= 63 && NamePattern().IsMatch(value))
            ? value
            : throw new FormatException($"'{value}' is not a valid label value");

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex PrefixPattern();
}
