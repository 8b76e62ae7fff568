using System.Globalization;
using Dce.Kubernetes.Quantities;

namespace Dce.KubeSim.Simulation.Usage;

/// <summary>
/// How busy a workload is for one resource: a fraction of the request (<c>0.9</c>, <c>90%</c>) or an absolute
/// quantity with a unit (<c>800m</c>, <c>256Mi</c>). A bare number is always a fraction, so <c>2</c> means twice the request.
/// </summary>
public sealed record LoadValue(double? Fraction, decimal? Absolute)
{
    public static bool TryParse(string? text, out LoadValue? value)
    {
        value = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }
        if (trimmed.EndsWith('%'))
        {
            if (double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent >= 0)
            {
                value = new LoadValue(percent / 100, null);
                return true;
            }
            return false;
        }
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction))
        {
            if (fraction < 0)
            {
                return false;
            }
            value = new LoadValue(fraction, null);
            return true;
        }
        if (Quantity.TryParse(trimmed, out var quantity) && !quantity.IsNegative)
        {
            value = new LoadValue(null, quantity.Value);
            return true;
        }
        return false;
    }

    public static LoadValue? Parse(string? text) => TryParse(text, out var value) ? value : null;

    /// <summary>The absolute amount in the unit the model counts in: millicores for CPU, bytes for memory.</summary>
    public long AbsoluteIn(UsageResource resource) => (long)decimal.Round((Absolute ?? 0) * (resource == UsageResource.Cpu ? 1000 : 1));
}

/// <summary>The resources the usage model follows.</summary>
public enum UsageResource
{
    Cpu,
    Memory,
}
