namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>
/// Which release folder a replicated module starts from: <c>&lt;state&gt;/releases/&lt;module&gt;/current</c> names it; without
/// that file the module's normal build output is used. Read at every start, so a restarted replica runs the newest release.
/// </summary>
public sealed class ReleasePointer(string stateFolder, string module)
{
    /// <summary>The module's releases folder.</summary>
    public string Folder { get; } = Path.Combine(stateFolder, "releases", module);

    private string PointerFile => Path.Combine(Folder, "current");

    /// <summary>The folder of a new release.</summary>
    public string NewRelease(string id) => Path.Combine(Folder, id);

    /// <summary>The current release folder, or null while the module runs its normal build output.</summary>
    public string? Current() => File.Exists(PointerFile) ? File.ReadAllText(PointerFile).Trim() : null;

    /// <summary>Makes <paramref name="release"/> the folder replicas start from.</summary>
    public void Point(string release)
    {
        Directory.CreateDirectory(Folder);
        var temporary = PointerFile + ".tmp";
        File.WriteAllText(temporary, release);
        File.Move(temporary, PointerFile, overwrite: true);
    }
}
