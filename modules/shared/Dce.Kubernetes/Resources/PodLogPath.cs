using System.Globalization;

namespace Dce.Kubernetes.Resources;

/// <summary>
/// The API server's path of a container's followed log, to open with <see cref="ResourceClient.OpenStreamAsync"/>. It can
/// start from an instant (<c>sinceTime</c>), which the generated client does not offer: a follower resuming from its last
/// line asks from that line's time, which the request's own delay cannot move as it moves <c>sinceSeconds</c>.
/// </summary>
public static class PodLogPath
{
    public static string Follow(string ns, string pod, string? container, bool timestamps, DateTimeOffset? since = null, int? tailLines = null,
        int? sinceSeconds = null)
    {
        var query = new List<string> { "follow=true" };
        Add(query, "container", container);
        Add(query, "tailLines", tailLines?.ToString(CultureInfo.InvariantCulture));
        Add(query, "sinceSeconds", sinceSeconds?.ToString(CultureInfo.InvariantCulture));
        Add(query, "sinceTime", since?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Add(query, "timestamps", timestamps ? "true" : null);
        return $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/pods/{Uri.EscapeDataString(pod)}/log?{string.Join('&', query)}";
    }

    private static void Add(List<string> query, string name, string? value)
    {
        if (value is not null)
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }
}
