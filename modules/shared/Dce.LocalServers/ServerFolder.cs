using System.Security.Cryptography;

namespace Dce.LocalServers;

/// <summary>A server's own folder: its data, its generated password and its configuration files.</summary>
public sealed class ServerFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Opens (creating when needed) the folder at <paramref name="path"/>, readable by its owner only.</summary>
    public ServerFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else
        {
            Directory.CreateDirectory(Path, OwnerOnly);
            File.SetUnixFileMode(Path, OwnerOnly);
        }
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>
    /// The server's password: generated once (alphanumeric, so it needs no escaping in any connection string),
    /// kept in a file beside the data that only its owner can read, and reused at every later start.
    /// </summary>
    public string Password()
    {
        var file = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileName(Path) + ".password");
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        var password = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32);
        PrivateFile.Write(file, password);
        return password;
    }

    /// <summary>Writes a file that may hold secrets: readable by the folder's owner only.</summary>
    public string WriteSecretFile(string name, string contents)
    {
        var file = Combine(name);
        PrivateFile.Write(file, contents);
        return file;
    }
}
