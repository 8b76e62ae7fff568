using System.Text.Json;
using Dce.KubeSim.Security;

namespace Dce.KubeSim.Serving;

/// <summary>
/// The port each cluster's own address listens on, kept in <c>KubeSim:StateDirectory</c> (when set) so kubeconfigs
/// written before a restart still point at the right place after it.
/// </summary>
public sealed class ClusterPortBook(IConfiguration configuration)
{
    private const string FileName = "cluster-ports.json";

    private readonly string? file = configuration["KubeSim:StateDirectory"] is { Length: > 0 } folder ? Path.Combine(folder, FileName) : null;
    private readonly Lock gate = new();
    private Dictionary<string, int>? ports;

    /// <summary>The port <paramref name="cluster"/> listened on last time, if any.</summary>
    public int? Remembered(string cluster)
    {
        lock (gate)
        {
            return Ports().TryGetValue(cluster, out var port) ? port : null;
        }
    }

    public void Remember(string cluster, int port)
    {
        lock (gate)
        {
            if (Ports().TryGetValue(cluster, out var known) && known == port)
            {
                return;
            }
            Ports()[cluster] = port;
            Save();
        }
    }

    public void Forget(string cluster)
    {
        lock (gate)
        {
            if (Ports().Remove(cluster))
            {
                Save();
            }
        }
    }

    private Dictionary<string, int> Ports()
    {
        if (ports is not null)
        {
            return ports;
        }
        ports = new Dictionary<string, int>(StringComparer.Ordinal);
        if (file is not null && File.Exists(file))
        {
            try
            {
                ports = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(file)) ?? ports;
            }
            catch (JsonException)
            {
                // A damaged book only costs new ports.
            }
        }
        return ports;
    }

    private void Save()
    {
        if (file is null)
        {
            return;
        }
        PrivateFile.CreateFolder(Path.GetDirectoryName(file)!);
        PrivateFile.Write(file, JsonSerializer.Serialize(ports));
    }
}
