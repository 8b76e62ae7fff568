using System.Globalization;

namespace Dce.Console.Components.Pages.Clusters;

/// <summary>CPU and memory as people read them: cores with up to two decimals, bytes in the largest binary unit.</summary>
public static class Quantities
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Cores(double cores) => cores.ToString("0.##", CultureInfo.InvariantCulture);

    public static string MilliCores(string millicores) =>
        double.TryParse(millicores, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? Cores(value / 1000) : "—";

    public static string Bytes(double bytes)
    {
        var unit = 0;
        while (bytes >= 1024 && unit < Units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return $"{bytes.ToString("0.#", CultureInfo.InvariantCulture)} {Units[unit]}";
    }

    public static string Bytes(string bytes) =>
        double.TryParse(bytes, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? Bytes(value) : "—";

    public static double Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public static string Percent(double percent) => percent.ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
