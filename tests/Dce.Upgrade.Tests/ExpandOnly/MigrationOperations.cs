using System.Text.RegularExpressions;

namespace Dce.Upgrade.Tests.ExpandOnly;

/// <summary>
/// Reads the <c>Up</c> method of a migration and names the operations that are not expand-only: what drops, renames or
/// narrows something, or adds a required column the previous release would not fill.
/// </summary>
internal static partial class MigrationOperations
{
    private static readonly string[] AlwaysContracting = ["DropTable", "DropColumn", "RenameColumn", "RenameTable", "DropSchema", "DropSequence"];

    private static readonly string[] ContractingSql = ["DROP TABLE", "DROP COLUMN", "RENAME", "SET NOT NULL", "ALTER COLUMN"];

    public static IReadOnlyList<UnsafeOperation> FindUnsafe(string migrationText)
    {
        var up = UpBody(migrationText);
        var found = new List<UnsafeOperation>();
        foreach (Match call in Call().Matches(up))
        {
            var operation = call.Groups["operation"].Value;
            var arguments = Arguments(up, call.Index + call.Length - 1);
            var reason = Reason(operation, NamedArguments(arguments), arguments);
            if (reason is not null)
            {
                found.Add(new UnsafeOperation(reason, $"{operation}({Squeeze(arguments)})"));
            }
        }

        return found;
    }

    private static string? Reason(string operation, Dictionary<string, string> named, string arguments) => operation switch
    {
        _ when AlwaysContracting.Contains(operation) => operation,
        "AddColumn" when IsFalse(named, "nullable") && !HasDefault(named) => "AddColumn NOT NULL without a default",
        "AlterColumn" => AlterColumnReason(named),
        "Sql" when ContractingSql.FirstOrDefault(s => arguments.Contains(s, StringComparison.OrdinalIgnoreCase)) is { } sql => $"Sql with {sql}",
        _ => null,
    };

    private static string? AlterColumnReason(Dictionary<string, string> named)
    {
        if (named.TryGetValue("type", out var type) && named.TryGetValue("oldType", out var oldType) && type != oldType)
        {
            return $"AlterColumn changing the type from {oldType} to {type}";
        }

        if (IsFalse(named, "nullable") && !IsFalse(named, "oldNullable") && !HasDefault(named))
        {
            return "AlterColumn making a column NOT NULL without a default";
        }

        var maxLength = Length(named, "maxLength");
        var oldMaxLength = Length(named, "oldMaxLength");
        return maxLength < oldMaxLength ? $"AlterColumn narrowing the length from {Describe(oldMaxLength)} to {maxLength}" : null;
    }

    private static int Length(Dictionary<string, string> named, string name) =>
        named.TryGetValue(name, out var value) && int.TryParse(value, out var length) ? length : int.MaxValue;

    private static string Describe(int length) => length == int.MaxValue ? "unlimited" : length.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsFalse(Dictionary<string, string> named, string name) => named.TryGetValue(name, out var value) && value == "false";

    private static bool HasDefault(Dictionary<string, string> named) =>
        (named.TryGetValue("defaultValue", out var value) && value != "null") || named.ContainsKey("defaultValueSql") || named.ContainsKey("computedColumnSql");

    private static string UpBody(string text)
    {
        var up = UpMethod().Match(text);
        if (!up.Success)
        {
            return "";
        }

        var open = text.IndexOf('{', up.Index + up.Length);
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return text[(open + 1)..i];
            }
        }

        return text[(open + 1)..];
    }

    private static string Arguments(string text, int openParenthesis)
    {
        var depth = 0;
        var inString = false;
        for (var i = openParenthesis; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' && text[i - 1] != '\\')
            {
                inString = !inString;
            }
            else if (!inString)
            {
                depth += c switch { '(' => 1, ')' => -1, _ => 0 };
                if (depth == 0)
                {
                    return text[(openParenthesis + 1)..i];
                }
            }
        }

        return text[(openParenthesis + 1)..];
    }

    private static Dictionary<string, string> NamedArguments(string arguments)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match argument in NamedArgument().Matches(arguments))
        {
            named.TryAdd(argument.Groups["name"].Value, argument.Groups["value"].Value.Trim().Trim('"'));
        }

        return named;
    }

    private static string Squeeze(string arguments) => Whitespace().Replace(arguments, " ").Trim();

    [GeneratedRegex(@"\bvoid\s+Up\s*\(\s*MigrationBuilder\s+\w+\s*\)")]
    private static partial Regex UpMethod();

    [GeneratedRegex(@"\.(?<operation>\w+)(?:<[^>(]*>)?\s*\(")]
    private static partial Regex Call();

    [GeneratedRegex(@"(?<![\w.])(?<name>[a-zA-Z]\w*):\s*(?<value>""(?:[^""\\]|\\.)*""|[^,()]+)")]
    private static partial Regex NamedArgument();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
