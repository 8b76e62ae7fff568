namespace Dce.KubeSim.Persistence;

/// <summary>Where one cluster's state lives: <c>&lt;state&gt;/clusters/&lt;name&gt;/snapshot</c> and <c>log</c>.</summary>
internal sealed record ClusterFiles(string Folder)
{
    public string Snapshot => Path.Combine(Folder, "snapshot");
    public string Log => Path.Combine(Folder, "log");

    public bool HasState => File.Exists(Snapshot) || (File.Exists(Log) && new FileInfo(Log).Length > 0);
}
