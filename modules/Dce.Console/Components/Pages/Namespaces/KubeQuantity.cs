using System.Globalization;

namespace Dce.Console.Components.Pages.Namespaces;

/// <summary>Kubernetes quantities (<c>500m</c>, <c>2</c>, <c>4Gi</c>, <c>1e3</c>) read as numbers, to tell what a workspace has left.</summary>
public static class KubeQuantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024), ("Pi", 1024m * 1024 * 1024 * 1024 * 1024),
        ("m", 0.001m), ("k", 1000m), ("M", 1_000_000m), ("G", 1_000_000_000m), ("T", 1_000_000_000_000m), ("P", 1_000_000_000_000_000m),
    ];

    public static decimal? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        foreach (var (suffix, factor) in Suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && decimal.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var scaled))
            {
                return scaled * factor;
            }
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain : null;
    }

    /// <summary>An amount as people read it for its <paramref name="dimension"/>: cores or millicores for CPU, a binary unit for bytes, a count otherwise.</summary>
    public static string Format(decimal amount, string dimension) => dimension switch
    {
        _ when dimension.EndsWith("cpu", StringComparison.Ordinal) => amount % 1 == 0 ? amount.ToString("0", CultureInfo.InvariantCulture) : $"{(amount * 1000).ToString("0", CultureInfo.InvariantCulture)}m",
        _ when dimension.EndsWith("memory", StringComparison.Ordinal) || dimension.EndsWith("storage", StringComparison.Ordinal) => Clusters.Quantities.Bytes((double)amount),
        _ => amount.ToString("0.##", CultureInfo.InvariantCulture),
    };
}
