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

    /// <summary>Opens a file for writing that, when created, is readable by its owner only.</summary>
    public static FileStream Open(string path, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }
        return new FileStream(path, options);
    }

    /// <summary>Like <see cref="Write(string, string)"/>, and on disk before the rename, so a crash leaves the old file or the new one.</summary>
    public static void WriteDurably(string path, byte[] contents)
    {
        var staging = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var file = Open(staging, FileMode.CreateNew))
        {
            file.Write(contents);
            file.Flush(flushToDisk: true);
        }

        File.Move(staging, path, overwrite: true);
    }
}
