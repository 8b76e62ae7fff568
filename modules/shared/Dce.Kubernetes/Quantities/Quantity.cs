using System.Globalization;
using k8s.Models;

namespace Dce.Kubernetes.Quantities;

/// <summary>
/// A Kubernetes resource quantity (<c>500m</c>, <c>2</c>, <c>1.5Gi</c>, <c>2e3</c>) as an exact number that can be added,
/// compared and printed back in Kubernetes' canonical form (<c>500m</c>, <c>2</c>, <c>1536Mi</c>, <c>2G</c>).
/// </summary>
public readonly record struct Quantity(decimal Value, bool Binary)
{
    private static readonly (string Suffix, decimal Factor)[] BinarySuffixes =
        [("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40), ("Pi", 1L << 50), ("Ei", 1L << 60)];

    private static readonly (string Suffix, int Exponent)[] DecimalSuffixes =
        [("n", -9), ("u", -6), ("m", -3), ("k", 3), ("M", 6), ("G", 9), ("T", 12), ("P", 15), ("E", 18)];

    public static readonly Quantity Zero = new(0, false);

    public bool IsZero => Value == 0;

    public bool IsNegative => Value < 0;

    public static Quantity Count(long count) => new(count, false);

    /// <summary>Reads a quantity as the API server does: a signed number, then a binary or decimal suffix or an exponent.</summary>
    public static bool TryParse(string? text, out Quantity quantity)
    {
        quantity = Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var numberEnd = NumberEnd(text);
        if (numberEnd == 0 || !decimal.TryParse(text.AsSpan(0, numberEnd), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var suffix = text[numberEnd..];
        try
        {
            if (Array.FindIndex(BinarySuffixes, s => s.Suffix == suffix) is var binary and >= 0)
            {
                quantity = new(number * BinarySuffixes[binary].Factor, true);
                return true;
            }

            if (ExponentOf(suffix) is not { } exponent)
            {
                return false;
            }

            quantity = new(number * Power(exponent), false);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Reads a quantity; an unreadable one counts as zero, as a missing one does.</summary>
    public static Quantity Parse(string? text) => TryParse(text?.Trim(), out var quantity) ? quantity : Zero;

    /// <summary>The number a client model's quantity stands for.</summary>
    public static Quantity Of(ResourceQuantity? quantity) => Parse(quantity?.ToString());

    /// <summary>A CPU quantity in whole millicores (<c>1.5</c> is 1500, <c>100m</c> is 100); unreadable is 0.</summary>
    public static long MilliCpu(string? text) => Whole(Parse(text).Value * 1000);

    /// <summary>A memory quantity in whole bytes (<c>1.5Gi</c> is 1610612736); unreadable is 0.</summary>
    public static long Bytes(string? text) => Whole(Parse(text).Value);

    public static Quantity operator +(Quantity left, Quantity right) =>
        new(left.Value + right.Value, left.IsZero ? right.Binary : left.Binary);

    public static Quantity Max(Quantity left, Quantity right) => right.Value > left.Value ? right : left;

    /// <summary>The canonical form Kubernetes prints: binary suffixes for whole multiples of 1024, else decimal ones.</summary>
    public override string ToString()
    {
        var value = decimal.Ceiling(Value * 1_000_000_000m) / 1_000_000_000m;
        if (Binary && decimal.Truncate(value) == value && Math.Abs(value) >= 1024)
        {
            var (suffix, divisor) = ("", 1m);
            foreach (var (candidate, factor) in BinarySuffixes)
            {
                if (value % factor != 0)
                {
                    break;
                }
                (suffix, divisor) = (candidate, factor);
            }
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

    /// <summary>Where the signed number (<c>-1</c>, <c>1.5</c>, <c>.5</c>, <c>5.</c>) at the start of the text ends; 0 when there is none.</summary>
    private static int NumberEnd(string text)
    {
        var at = text[0] is '+' or '-' ? 1 : 0;
        var digits = 0;
        for (; at < text.Length && char.IsAsciiDigit(text[at]); at++, digits++)
        {
        }
        if (at < text.Length && text[at] == '.')
        {
            for (at++; at < text.Length && char.IsAsciiDigit(text[at]); at++, digits++)
            {
            }
        }
        return digits == 0 ? 0 : at;
    }

    /// <summary>The power of ten a decimal suffix (<c>m</c>, <c>k</c>...) or exponent (<c>e3</c>, <c>E-2</c>) stands for.</summary>
    private static int? ExponentOf(string suffix)
    {
        if (suffix.Length == 0)
        {
            return 0;
        }
        if (Array.FindIndex(DecimalSuffixes, s => s.Suffix == suffix) is var named and >= 0)
        {
            return DecimalSuffixes[named].Exponent;
        }
        return suffix.Length > 1 && suffix[0] is 'e' or 'E' && NumberEnd(suffix[1..]) == suffix.Length - 1 && !suffix.Contains('.', StringComparison.Ordinal)
            && int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) && Math.Abs(exponent) <= 28
                ? exponent
                : null;
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

    private static long Whole(decimal value) =>
        value >= long.MaxValue ? long.MaxValue : value <= long.MinValue ? long.MinValue : (long)decimal.Truncate(value);
}
