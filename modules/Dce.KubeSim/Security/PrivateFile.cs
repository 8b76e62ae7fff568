namespace Dce.KubeSim.Security;

/// <summary>Writes files that hold credentials: readable by their owner only from the first byte, replaced atomically.</summary>
public static class PrivateFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerReadWrite | UnixFileMode.UserExecute;

    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyFolder);
        }
    }

    public static void Write(string path, string contents)
    {
        // A fresh file created with mode 600 and moved over the old one: never a moment where another user could read it.
        var staging = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        using (var writer = new StreamWriter(staging, options))
        {
            writer.Write(contents);
        }

        File.Move(staging, path, overwrite: true);
    }
}
