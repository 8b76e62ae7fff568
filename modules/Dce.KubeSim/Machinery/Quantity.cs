using System.Globalization;

namespace Dce.KubeSim.Machinery;

/// <summary>Kubernetes resource quantities as numbers: CPU in millicores, memory in bytes.</summary>
public static class Quantity
{
    /// <summary>A CPU quantity in millicores.</summary>
    public static long MilliCpu(string? quantity)
    {
        if (string.IsNullOrEmpty(quantity))
        {
            return 0;
        }
        if (quantity.EndsWith('m'))
        {
            return long.TryParse(quantity[..^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var millis) ? millis : 0;
        }
        return double.TryParse(quantity, NumberStyles.Float, CultureInfo.InvariantCulture, out var cores) ? (long)(cores * 1000) : 0;
    }

    /// <summary>A memory quantity in bytes.</summary>
    public static long Bytes(string? quantity)
    {
        if (string.IsNullOrEmpty(quantity))
        {
            return 0;
        }
        string[] suffixes = ["Ki", "Mi", "Gi", "Ti", "K", "M", "G", "T"];
        long[] factors = [1L << 10, 1L << 20, 1L << 30, 1L << 40, 1000, 1000_000, 1000_000_000, 1000_000_000_000];
        for (var i = 0; i < suffixes.Length; i++)
        {
            if (quantity.EndsWith(suffixes[i], StringComparison.Ordinal))
            {
                return double.TryParse(quantity[..^suffixes[i].Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var scaled) ? (long)(scaled * factors[i]) : 0;
            }
        }
        return double.TryParse(quantity, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? (long)plain : 0;
    }
}
