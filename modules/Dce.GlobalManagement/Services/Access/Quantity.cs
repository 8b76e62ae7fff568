using System.Globalization;
using System.Text.RegularExpressions;

namespace Dce.GlobalManagement.Services.Access;

/// <summary>Kubernetes resource quantities ("500m", "2", "1Gi", "10G"), parsed to compare requests with limits.</summary>
public static partial class Quantity
{
    private static readonly Dictionary<string, decimal> Suffixes = new(StringComparer.Ordinal)
    {
        [""] = 1m,
        ["n"] = 0.000000001m,
        ["u"] = 0.000001m,
        ["m"] = 0.001m,
        ["k"] = 1e3m,
        ["M"] = 1e6m,
        ["G"] = 1e9m,
        ["T"] = 1e12m,
        ["P"] = 1e15m,
        ["E"] = 1e18m,
        ["Ki"] = 1024m,
        ["Mi"] = 1024m * 1024,
        ["Gi"] = 1024m * 1024 * 1024,
        ["Ti"] = 1024m * 1024 * 1024 * 1024,
        ["Pi"] = 1024m * 1024 * 1024 * 1024 * 1024,
        ["Ei"] = 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
    };

    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (text is null || text.Length > 32 || QuantityPattern().Match(text) is not { Success: true } match
            || !Suffixes.TryGetValue(match.Groups["suffix"].Value, out var factor)
            || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        value = number * factor;
        return true;
    }

    [GeneratedRegex(@"^(?<number>[0-9]+(\.[0-9]+)?)(?<suffix>[numkMGTPE]|[KMGTPE]i)?$")]
    private static partial Regex QuantityPattern();
}
