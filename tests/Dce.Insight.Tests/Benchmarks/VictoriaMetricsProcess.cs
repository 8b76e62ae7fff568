using System.Globalization;

namespace Dce.Insight.Tests.Benchmarks;

/// <summary>The VictoriaMetrics process listening on a port, found in /proc, and its resident memory.</summary>
public static class VictoriaMetricsProcess
{
    /// <summary>VmRSS of the process whose command line has <c>-httpListenAddr=127.0.0.1:<paramref name="port"/></c>, in bytes.</summary>
    public static long ResidentBytes(int port)
    {
        var flag = $"-httpListenAddr=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        foreach (var folder in Directory.EnumerateDirectories("/proc").Where(path => int.TryParse(Path.GetFileName(path), out _)))
        {
            string[] arguments;
            try
            {
                arguments = File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue;
            }

            if (!arguments[0].EndsWith("victoria-metrics", StringComparison.Ordinal) || !arguments.Contains(flag))
            {
                continue;
            }

            var rss = File.ReadLines(Path.Combine(folder, "status")).Single(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }

        throw new InvalidOperationException($"No victoria-metrics process with {flag}.");
    }
}
