namespace Dce.ContainerManagement.Kubernetes;

/// <summary>One line of a container's log and when it was written, as DCE answers logs.</summary>
public sealed record PodLogLine(string Log, string? TimeStamp);

/// <summary>Splits a log read with <c>timestamps=true</c> into its lines and their times.</summary>
public static class PodLogLines
{
    public static IReadOnlyList<PodLogLine> Parse(string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var lines = new List<PodLogLine>();
        foreach (var line in log.Split('\n'))
        {
            var text = line.TrimEnd('\r');
            if (text.Length == 0)
            {
                continue;
            }

            var space = text.IndexOf(' ', StringComparison.Ordinal);
            lines.Add(space > 0 && DateTimeOffset.TryParse(text[..space], System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out _)
                ? new PodLogLine(text[(space + 1)..], text[..space])
                : new PodLogLine(text, null));
        }

        return lines;
    }
}
