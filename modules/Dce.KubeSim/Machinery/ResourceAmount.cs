using System.Globalization;

namespace Dce.KubeSim.Machinery;

/// <summary>
/// A resource quantity that can be added, compared and printed back in Kubernetes' canonical form
/// (<c>500m</c>, <c>2</c>, <c>1536Mi</c>, <c>2G</c>), as quota messages and status show it.
/// </summary>
public readonly record struct ResourceAmount(decimal Value, bool Binary)
{
    private static readonly (string Suffix, decimal Factor)[] BinarySuffixes =
        [("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40), ("Pi", 1L << 50), ("Ei", 1L << 60)];

    private static readonly (string Suffix, int Exponent)[] DecimalSuffixes =
        [("n", -9), ("u", -6), ("m", -3), ("k", 3), ("M", 6), ("G", 9), ("T", 12), ("P", 15), ("E", 18)];

    public static readonly ResourceAmount Zero = new(0, false);

    public bool IsZero => Value == 0;

    public static ResourceAmount Count(long count) => new(count, false);

    /// <summary>Parses a quantity; an unreadable one counts as zero, as a missing one does.</summary>
    public static ResourceAmount Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Zero;
        }
        text = text.Trim();
        foreach (var (suffix, factor) in BinarySuffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && TryNumber(text[..^suffix.Length], out var scaled))
            {
                return new(scaled * factor, true);
            }
        }
        foreach (var (suffix, exponent) in DecimalSuffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && TryNumber(text[..^suffix.Length], out var scaled))
            {
                return new(scaled * Power(exponent), false);
            }
        }
        return TryNumber(text, out var plain) ? new(plain, false) : Zero;
    }

    public static ResourceAmount operator +(ResourceAmount left, ResourceAmount right) =>
        new(left.Value + right.Value, left.IsZero ? right.Binary : left.Binary);

    public static ResourceAmount Max(ResourceAmount left, ResourceAmount right) => right.Value > left.Value ? right : left;

    /// <summary>The canonical form Kubernetes prints: binary suffixes for whole multiples of 1024, else decimal ones.</summary>
    public override string ToString()
    {
        var value = decimal.Ceiling(Value * 1_000_000_000m) / 1_000_000_000m;
        if (Binary && decimal.Truncate(value) == value && Math.Abs(value) >= 1024)
        {
            var suffix = "";
            foreach (var (candidate, factor) in BinarySuffixes)
            {
                if (value % factor != 0)
                {
                    break;
                }
                suffix = candidate;
            }
            var divisor = suffix.Length == 0 ? 1 : BinarySuffixes.First(s => s.Suffix == suffix).Factor;
            return (value / divisor).ToString("0", CultureInfo.InvariantCulture) + suffix;
        }
        if (value == 0)
        {
            return "0";
        }
        var exponent = -9;
        for (var candidate = 18; candidate >= -9; candidate -= 3)
        {
            var scaled = value / Power(candidate);
            if (decimal.Truncate(scaled) == scaled)
            {
                exponent = candidate;
                break;
            }
        }
        var mantissa = (value / Power(exponent)).ToString("0", CultureInfo.InvariantCulture);
        return mantissa + (exponent == 0 ? "" : DecimalSuffixes.First(s => s.Exponent == exponent).Suffix);
    }

    private static decimal Power(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result *= 10;
        }
        return exponent < 0 ? 1 / result : result;
    }

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
