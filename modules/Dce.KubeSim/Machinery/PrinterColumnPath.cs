using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery;

/// <summary>
/// Evaluates the JSONPath forms printer columns use: fields (<c>.spec.x</c>, <c>['a.b']</c>), indexes, <c>[*]</c>
/// and filters on one field (<c>[?(@.type=="Ready")]</c>, <c>!=</c>, or the field's presence).
/// </summary>
public static class PrinterColumnPath
{
    public static IReadOnlyList<JsonNode> Evaluate(JsonNode? root, string path)
    {
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1].Trim();
        }
        if (text.StartsWith('$'))
        {
            text = text[1..];
        }
        List<JsonNode> current = root is null ? [] : [root];
        var position = 0;
        while (position < text.Length && current.Count > 0)
        {
            if (text[position] == '.')
            {
                var name = ReadName(text, ref position);
                current = name == "*" ? current.SelectMany(Children).ToList() : current.Select(n => Field(n, name)).OfType<JsonNode>().ToList();
            }
            else if (text[position] == '[')
            {
                current = current.SelectMany(Bracket(ReadBracket(text, ref position))).ToList();
            }
            else
            {
                return [];
            }
        }
        return current;
    }

    private static string ReadName(string text, ref int position)
    {
        var name = new StringBuilder();
        for (position++; position < text.Length && text[position] is not ('.' or '['); position++)
        {
            if (text[position] == '\\' && position + 1 < text.Length)
            {
                position++;
            }
            name.Append(text[position]);
        }
        return name.ToString();
    }

    private static string ReadBracket(string text, ref int position)
    {
        var start = position + 1;
        char? quote = null;
        for (position++; position < text.Length; position++)
        {
            var c = text[position];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == ']')
            {
                return text[start..position++];
            }
        }
        return text[start..];
    }

    private static Func<JsonNode, IEnumerable<JsonNode>> Bracket(string inside)
    {
        inside = inside.Trim();
        if (inside == "*")
        {
            return Children;
        }
        if (int.TryParse(inside, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return node => node is JsonArray array && (index < 0 ? array.Count + index : index) is var at && at >= 0 && at < array.Count && array[at] is { } item ? [item] : [];
        }
        if (inside.StartsWith("?(", StringComparison.Ordinal) && inside.EndsWith(')'))
        {
            var filter = Filter(inside[2..^1].Trim());
            return node => Children(node).Where(filter);
        }
        var field = Unquote(inside);
        return node => Field(node, field) is { } value ? [value] : [];
    }

    private static Func<JsonNode, bool> Filter(string condition)
    {
        var (op, at) = condition.IndexOf("==", StringComparison.Ordinal) is >= 0 and var equal ? ("==", equal)
            : condition.IndexOf("!=", StringComparison.Ordinal) is >= 0 and var unequal ? ("!=", unequal) : ("", -1);
        if (at < 0)
        {
            var present = Relative(condition);
            return item => Evaluate(item, present).Count > 0;
        }
        var path = Relative(condition[..at].Trim());
        var literal = Unquote(condition[(at + 2)..].Trim());
        return item => Evaluate(item, path).FirstOrDefault() is { } value && (Text(value) == literal) == (op == "==");
    }

    private static string Relative(string operand) => operand.StartsWith('@') ? operand[1..] : operand;

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] is '"' or '\'' && text[^1] == text[0] ? text[1..^1] : text;

    private static IEnumerable<JsonNode> Children(JsonNode node) => node switch
    {
        JsonArray array => array.OfType<JsonNode>(),
        JsonObject obj => obj.Select(p => p.Value).OfType<JsonNode>(),
        _ => [],
    };

    private static JsonNode? Field(JsonNode node, string name) => node is JsonObject obj ? obj[name] : null;

    /// <summary>A value as the column prints it: strings bare, anything else as JSON.</summary>
    public static string Text(JsonNode value) =>
        value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : value.ToJsonString();
}
