using Dce.LocalServers;

namespace Dce.Testing;

/// <summary>Throwaway server folders under the temp folder, which every server user can traverse.</summary>
internal static class TestFolders
{
    public static ServerFolder Create(string server)
    {
        var root = Directory.CreateTempSubdirectory($"dce-test-{server}-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        return new ServerFolder(Path.Combine(root, server));
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
