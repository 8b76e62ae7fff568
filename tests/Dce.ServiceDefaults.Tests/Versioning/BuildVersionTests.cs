using System.Reflection;
using Dce.ServiceDefaults.Versioning;

namespace Dce.ServiceDefaults.Tests.Versioning;

public sealed class BuildVersionTests
{
    [Fact]
    public void Version_and_commit_are_the_ones_the_build_stamped()
    {
        var assembly = typeof(BuildVersion).Assembly;
        var stamped = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var version = BuildVersion.Of(assembly, DateTimeOffset.UnixEpoch);

        Assert.Equal("Dce.ServiceDefaults", version.Module);
        Assert.Equal(stamped, version.Full);
        Assert.Equal(stamped.Split('+')[0], version.Version);
        Assert.Equal(stamped.Contains('+', StringComparison.Ordinal) ? stamped.Split('+')[1] : null, version.Commit);
    }

    [Fact]
    public void An_application_is_found_by_its_name()
    {
        var version = BuildVersion.OfApplication("Dce.ServiceDefaults");

        Assert.Equal("Dce.ServiceDefaults", version.Module);
        Assert.Equal(BuildVersion.Of(typeof(BuildVersion).Assembly, version.StartedAt), version);
    }
}
