namespace Dce.LocalServers;

/// <summary>Writes files that hold secrets: readable by their owner only from the first byte, replaced atomically.</summary>
public static class PrivateFile
{
    public static void Write(string path, string contents)
    {
        // Created with mode 600 under a fresh name, then moved over the old file: no moment where others could read it.
        var staging = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(staging, options))
        {
            writer.Write(contents);
        }

        File.Move(staging, path, overwrite: true);
    }
}
