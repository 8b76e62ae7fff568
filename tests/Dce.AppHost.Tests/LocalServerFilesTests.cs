using System.Runtime.Versioning;
using Dce.LocalServers;

namespace Dce.AppHost.Tests;

[Trait("Category", "Security")]
[UnsupportedOSPlatform("windows")]
public sealed class LocalServerFilesTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dce-server-files-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Passwords_and_secret_files_are_readable_by_their_owner_only()
    {
        var folder = new ServerFolder(Path.Combine(_root, "redis"));

        var password = folder.Password();
        var config = folder.WriteSecretFile("redis.conf", $"requirepass {password}");

        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.Path));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(_root, "redis.password")));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(config));
        Assert.Equal(password, folder.Password());
    }

    [Fact]
    public void A_secret_file_that_others_could_read_is_replaced_by_a_private_one()
    {
        var folder = new ServerFolder(Path.Combine(_root, "rabbitmq"));
        var existing = folder.Combine("rabbitmq.conf");
        File.WriteAllText(existing, "old");
        File.SetUnixFileMode(existing, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        folder.WriteSecretFile("rabbitmq.conf", "default_pass = secret");

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(existing));
        Assert.Equal("default_pass = secret", File.ReadAllText(existing));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
